package dev.sluice.online;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One entity's online features as read from Redis: the newest window the job has written for it.
 *
 * @param values    measures and flags by name, as text (a measure that was null in the window is absent)
 * @param updatedAt when Redis applied the write (Redis's clock)
 * @param expiresIn time left before the hash expires (its TTL), empty if it has none
 */
public record Features(String entityId, Instant windowStart, Instant windowEnd, long version, Instant updatedAt,
                       Optional<Duration> expiresIn, Map<String, String> values) {

    public Features {
        values = Map.copyOf(values);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A count, sum, or other whole-number measure. */
    public Optional<Long> asLong(String name) {
        return value(name).map(v -> v.contains(".") || v.contains("E") ? (long) Double.parseDouble(v) : Long.parseLong(v));
    }

    public Optional<Double> asDouble(String name) {
        return value(name).map(Double::parseDouble);
    }

    /** A derived flag; absent (not configured) reads as empty, not false. */
    public Optional<Boolean> flag(String name) {
        return value(name).map(Boolean::parseBoolean);
    }

    /** How long ago the features were written. */
    public Duration age(Clock clock) {
        return Duration.between(updatedAt, clock.instant());
    }
}
