package dev.sluice.generate.run;

import java.util.concurrent.locks.LockSupport;

/** Paces a loop to a fixed number of events per second (of wall-clock time), without drifting over long runs. */
final class RateLimiter {

    private final double nanosPerEvent;
    private final long start;

    RateLimiter(double eventsPerSecond, long startNanos) {
        this.nanosPerEvent = 1e9 / eventsPerSecond;
        this.start = startNanos;
    }

    /** Waits until event number {@code sent} is due. */
    void pace(long sent) {
        long due = start + (long) (sent * nanosPerEvent);
        long wait = due - System.nanoTime();
        // Sleeping below ~0.1ms is imprecise; let a few events through and sleep once for all of them.
        if (wait > 100_000) {
            LockSupport.parkNanos(wait);
        }
    }
}
