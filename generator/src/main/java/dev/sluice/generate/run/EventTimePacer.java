package dev.sluice.generate.run;

import java.util.concurrent.locks.LockSupport;

/**
 * Paces a rate-limited run by event time: an event is sent when the wall clock reaches its event time, mapped onto the
 * run with {@code speedup} (simulated milliseconds per wall-clock millisecond). With the default speedup of 1 (the
 * event-time density equals the requested rate), event times follow the clock, which is what a streaming job's
 * watermarks expect from a live source; the rate follows the density, so it averages the requested events per second.
 * Pacing on a count instead would let event time run ahead of the clock whenever the density differs from the rate.
 */
final class EventTimePacer {

    private final long startNanos;
    private final long startMillis;
    private final double nanosPerEventMilli;

    EventTimePacer(long startNanos, long startEventMillis, double speedup) {
        this.startNanos = startNanos;
        this.startMillis = startEventMillis;
        this.nanosPerEventMilli = 1e6 / speedup;
    }

    /** Waits until an event at {@code eventTime} is due. */
    void pace(long eventTime) {
        long due = startNanos + (long) ((eventTime - startMillis) * nanosPerEventMilli);
        long wait = due - System.nanoTime();
        // Sleeping below ~0.1ms is imprecise; let a few events through and sleep once for all of them.
        if (wait > 100_000) {
            LockSupport.parkNanos(wait);
        }
    }
}
