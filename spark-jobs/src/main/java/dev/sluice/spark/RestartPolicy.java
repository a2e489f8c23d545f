package dev.sluice.spark;

import java.time.Duration;

/**
 * How the job restarts a query that stopped on a retriable failure (ClickHouse, Kafka or the schema registry
 * unreachable beyond what the clients' own retries wait out): after a pause that doubles from {@code initialPause} up
 * to {@code maxPause}, from its checkpoint, at most {@code maxInARow} times without a batch completing in between.
 * A restart re-runs the interrupted batch; the ledger and the ReplacingMergeTree tables make that safe.
 *
 * <p>The default waits out about ten minutes of outage (1+2+4+8+16 s, then 30 s each) before the job gives up and
 * exits non-zero; whatever runs the job (bin/sluice run, a cluster manager) may start it again, which resumes from the
 * checkpoints just the same.
 */
public record RestartPolicy(int maxInARow, Duration initialPause, Duration maxPause) {

    public static final RestartPolicy DEFAULT = new RestartPolicy(23, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public RestartPolicy {
        if (maxInARow < 0 || initialPause.isNegative() || maxPause.isNegative()) {
            throw new IllegalArgumentException("bug: restart policy needs non-negative values");
        }
    }

    /** Never restarts: every failure stops the job (tests that want the first failure). */
    public static RestartPolicy never() {
        return new RestartPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /** The pause before restart number {@code failuresInARow} (1 = after the first failure). */
    public Duration pauseBefore(int failuresInARow) {
        Duration pause = initialPause;
        for (int i = 1; i < failuresInARow && pause.compareTo(maxPause) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxPause) > 0 ? maxPause : pause;
    }
}
