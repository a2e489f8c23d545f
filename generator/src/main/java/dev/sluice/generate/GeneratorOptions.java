package dev.sluice.generate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything besides the domain config that decides which events the generator makes. Two streams built from the
 * same config and equal options are identical event for event (and, encoded, byte for byte).
 *
 * @param seed              seeds every random choice; record it (the manifest does) to reproduce a run
 * @param startTime         event time of the first arrival; event times only depend on it and the seed
 * @param eventTimeRate     average events per second of event time (not of wall-clock time; see {@code --rate})
 * @param diurnalAmplitude  0 = flat; 0.6 = the busiest hour has 1.6x and the quietest 0.4x the average density
 * @param lateFraction      share of valid events delivered late (held back and emitted after later events)
 * @param lateMaxDelay      upper bound of the delivery delay of a late event
 * @param lateDistribution  how delays are spread below the bound
 * @param malformedFraction malformed records per valid event, produced in addition to the valid ones
 * @param oldSchemaFraction share of events written with an older schema version when the event has several
 * @param maxEvents         valid events to produce in total; {@link Long#MAX_VALUE} for an endless stream
 */
public record GeneratorOptions(
        long seed,
        Instant startTime,
        double eventTimeRate,
        double diurnalAmplitude,
        double lateFraction,
        Duration lateMaxDelay,
        LateDistribution lateDistribution,
        double malformedFraction,
        double oldSchemaFraction,
        long maxEvents) {

    /** Default event-time density of bounded runs: 100k events span about 17 minutes of event time. */
    public static final double DEFAULT_EVENT_TIME_RATE = 100.0;
    public static final double DEFAULT_DIURNAL_AMPLITUDE = 0.6;
    public static final Duration DEFAULT_LATE_MAX_DELAY = Duration.ofMinutes(10);
    public static final double DEFAULT_OLD_SCHEMA_FRACTION = 0.2;

    public enum LateDistribution {
        /** Most late events are a little late, few are very late (mean = max / 4, truncated at max). */
        EXPONENTIAL,
        /** Delays spread evenly between 0 and max. */
        UNIFORM
    }

    public GeneratorOptions {
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(lateMaxDelay, "lateMaxDelay");
        Objects.requireNonNull(lateDistribution, "lateDistribution");
        requireFraction("lateFraction", lateFraction);
        requireFraction("malformedFraction", malformedFraction);
        requireFraction("oldSchemaFraction", oldSchemaFraction);
        if (!(eventTimeRate > 0) || Double.isInfinite(eventTimeRate)) {
            throw new IllegalArgumentException("eventTimeRate must be a positive number of events per second, got " + eventTimeRate);
        }
        if (diurnalAmplitude < 0 || diurnalAmplitude > 0.95) {
            throw new IllegalArgumentException("diurnalAmplitude must be between 0 and 0.95, got " + diurnalAmplitude);
        }
        if (lateFraction > 0 && lateMaxDelay.toMillis() < 1) {
            throw new IllegalArgumentException("lateMaxDelay must be at least 1ms when lateFraction > 0, got " + lateMaxDelay);
        }
        if (maxEvents < 0) {
            throw new IllegalArgumentException("maxEvents must not be negative, got " + maxEvents);
        }
    }

    /** Plain valid events, default density and schema mix, starting at {@code startTime}. */
    public static GeneratorOptions defaults(long seed, Instant startTime, long maxEvents) {
        return new GeneratorOptions(seed, startTime, DEFAULT_EVENT_TIME_RATE, DEFAULT_DIURNAL_AMPLITUDE, 0.0,
                DEFAULT_LATE_MAX_DELAY, LateDistribution.EXPONENTIAL, 0.0, DEFAULT_OLD_SCHEMA_FRACTION, maxEvents);
    }

    public GeneratorOptions withLate(double fraction, Duration maxDelay, LateDistribution distribution) {
        return new GeneratorOptions(seed, startTime, eventTimeRate, diurnalAmplitude, fraction, maxDelay, distribution,
                malformedFraction, oldSchemaFraction, maxEvents);
    }

    public GeneratorOptions withMalformed(double fraction) {
        return new GeneratorOptions(seed, startTime, eventTimeRate, diurnalAmplitude, lateFraction, lateMaxDelay,
                lateDistribution, fraction, oldSchemaFraction, maxEvents);
    }

    public GeneratorOptions withEventTimeRate(double rate, double amplitude) {
        return new GeneratorOptions(seed, startTime, rate, amplitude, lateFraction, lateMaxDelay, lateDistribution,
                malformedFraction, oldSchemaFraction, maxEvents);
    }

    public GeneratorOptions withOldSchemaFraction(double fraction) {
        return new GeneratorOptions(seed, startTime, eventTimeRate, diurnalAmplitude, lateFraction, lateMaxDelay,
                lateDistribution, malformedFraction, fraction, maxEvents);
    }

    public GeneratorOptions withMaxEvents(long events) {
        return new GeneratorOptions(seed, startTime, eventTimeRate, diurnalAmplitude, lateFraction, lateMaxDelay,
                lateDistribution, malformedFraction, oldSchemaFraction, events);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
