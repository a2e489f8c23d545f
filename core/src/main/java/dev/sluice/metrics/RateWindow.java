package dev.sluice.metrics;

import java.util.function.LongSupplier;

/**
 * Events per second over the last few whole seconds, from per-second buckets. A gauge read at scrape time, so it
 * shows what the generator does now even when Prometheus scrapes rarely.
 */
final class RateWindow {

    private final int seconds;
    private final long[] counts;
    private final long[] bucketSecond;
    private final LongSupplier nanoClock;

    RateWindow(int seconds, LongSupplier nanoClock) {
        if (seconds < 1) {
            throw new IllegalArgumentException("rate window must cover at least one second, got " + seconds);
        }
        this.seconds = seconds;
        this.counts = new long[seconds + 1];
        this.bucketSecond = new long[seconds + 1];
        this.nanoClock = nanoClock;
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    synchronized void add(long events) {
        long now = nowSecond();
        int slot = slot(now);
        if (bucketSecond[slot] != now) {
            bucketSecond[slot] = now;
            counts[slot] = 0;
        }
        counts[slot] += events;
    }

    /** Average over the {@code seconds} whole seconds before the current, still-filling one. */
    synchronized double perSecond() {
        long now = nowSecond();
        long sum = 0;
        for (long s = now - seconds; s < now; s++) {
            int slot = slot(s);
            if (bucketSecond[slot] == s) {
                sum += counts[slot];
            }
        }
        return (double) sum / seconds;
    }

    private long nowSecond() {
        return Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L);
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) counts.length);
    }
}
