package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Told about every completed micro-batch, with what the sink reported for it; called on Spark's listener thread. */
public interface BatchObserver {

    /**
     * @param overrun how much longer than its trigger interval the batch took (zero when it did not), when known
     */
    void batch(ProgressSnapshot progress, BatchTally tally, Optional<Duration> overrun, Instant now);
}
