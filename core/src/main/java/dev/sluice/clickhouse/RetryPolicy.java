package dev.sluice.clickhouse;

import dev.sluice.config.RetryConfig;

import java.time.Duration;

/**
 * Exponential backoff: the n-th retry waits between half and all of {@code min(maxBackoff, initialBackoff * 2^(n-1))},
 * the random half spreading out writers that failed together so they do not hit the recovering server at once.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("insertRetry.maxAttempts must be at least 1, got " + maxAttempts + " [bad config]");
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("insertRetry backoffs must not be negative [bad config]");
        }
    }

    public static RetryPolicy from(RetryConfig config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff());
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Upper bound of the wait after {@code failedAttempts} failures (1 = after the first failure). */
    public Duration ceiling(int failedAttempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < failedAttempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** The wait after {@code failedAttempts} failures, given a uniform random number in [0, 1). */
    public Duration backoff(int failedAttempts, double random) {
        long ceilingNanos = ceiling(failedAttempts).toNanos();
        long half = ceilingNanos / 2;
        return Duration.ofNanos(half + (long) ((ceilingNanos - half) * random));
    }
}
