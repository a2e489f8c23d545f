package dev.sluice.bench;

import java.util.List;

/**
 * One figure measured {@code laps.size()} times, each lap over the same amount of work.
 *
 * @param units what was processed each time (events, rows)
 */
public record Timed(long units, List<Lap> laps) {

    public Timed {
        if (laps.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs at least one lap [bug]");
        }
        laps = List.copyOf(laps);
    }

    public static Timed once(long units, Lap lap) {
        return new Timed(units, List.of(lap));
    }

    /** Median rate over the laps (the median of the rates, so one slow run does not drag it). */
    public double perSecond() {
        return Samples.median(ratesPerSecond());
    }

    public List<Double> ratesPerSecond() {
        return laps.stream().map(l -> units / Math.max(l.seconds(), 1e-9)).toList();
    }

    /** Median units per CPU second of this JVM, or -1 when CPU time was not measured. */
    public double perCpuSecond() {
        if (laps.stream().anyMatch(l -> l.cpuSeconds() <= 0)) {
            return -1;
        }
        return Samples.median(laps.stream().map(l -> units / l.cpuSeconds()).toList());
    }

    public double medianSeconds() {
        return Samples.median(laps.stream().map(Lap::seconds).toList());
    }

    public List<Double> seconds() {
        return laps.stream().map(Lap::seconds).toList();
    }
}
