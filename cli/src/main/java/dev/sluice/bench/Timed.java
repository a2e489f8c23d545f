package dev.sluice.bench;

import java.util.List;

/**
 * One figure measured {@code samples.size()} times: each sample is units per second over the same amount of work.
 *
 * @param units what was processed each time (events, rows)
 */
public record Timed(long units, List<Double> seconds) {

    public Timed {
        if (seconds.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one sample [bug]");
        }
        seconds = List.copyOf(seconds);
    }

    public static Timed once(long units, double seconds) {
        return new Timed(units, List.of(seconds));
    }

    /** Median rate over the samples (the median of the rates, so one slow run does not drag it). */
    public double perSecond() {
        return Samples.median(seconds.stream().map(s -> units / Math.max(s, 1e-9)).toList());
    }

    public List<Double> ratesPerSecond() {
        return seconds.stream().map(s -> units / Math.max(s, 1e-9)).toList();
    }

    public double medianSeconds() {
        return Samples.median(seconds);
    }
}
