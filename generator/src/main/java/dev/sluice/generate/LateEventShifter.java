package dev.sluice.generate;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Delivers a fraction of events late. A chosen event keeps its true event time but is held back until the stream
 * has moved {@code delay} past it, then emitted among later events: exactly what a phone coming back online does,
 * and what exercises a streaming job's watermark and late-data handling. When released, a late event is behind the
 * newest event time emitted so far by at most its delay.
 */
final class LateEventShifter {

    private record Held(long release, long seq, GeneratedEvent event) {
    }

    private final double fraction;
    private final long maxDelay;
    private final GeneratorOptions.LateDistribution distribution;
    private final SplittableRandom random;
    private final PriorityQueue<Held> held = new PriorityQueue<>((a, b) -> {
        int byRelease = Long.compare(a.release, b.release);
        return byRelease != 0 ? byRelease : Long.compare(a.seq, b.seq);
    });
    private long seq;

    LateEventShifter(double fraction, long maxDelayMillis, GeneratorOptions.LateDistribution distribution, SplittableRandom random) {
        this.fraction = fraction;
        this.maxDelay = maxDelayMillis;
        this.distribution = distribution;
        this.random = random;
    }

    /** Holds the event back (returns true) with the configured probability. */
    boolean maybeHold(GeneratedEvent event) {
        if (fraction <= 0 || random.nextDouble() >= fraction) {
            return false;
        }
        long delay = delay();
        held.add(new Held(event.eventTime() + delay, seq++, event.delayed(delay)));
        return true;
    }

    /** True when a held event is due before an on-time event at {@code time} is emitted. */
    boolean dueBy(long time) {
        Held first = held.peek();
        return first != null && first.release <= time;
    }

    GeneratedEvent release() {
        return held.remove().event;
    }

    int holding() {
        return held.size();
    }

    /** A delay in [1, max] ms: truncated exponential with mean max/4, or uniform. */
    long delay() {
        double u = random.nextDouble();
        double d;
        if (distribution == GeneratorOptions.LateDistribution.UNIFORM) {
            d = 1 + u * (maxDelay - 1);
        } else {
            double mean = maxDelay / 4.0;
            // Inverse CDF of the exponential truncated at max: never above max, no redraws.
            d = -mean * Math.log(1 - u * (1 - Math.exp(-maxDelay / mean)));
        }
        return Math.max(1, Math.min(maxDelay, Math.round(d)));
    }
}
