package dev.sluice.clickhouse.ledger;

import java.util.Optional;

/**
 * Which micro-batches have been fully written, so a re-run of a batch Spark did not get to mark as done (the driver died
 * between the ClickHouse writes and the checkpoint commit) is skipped instead of written again, and so {@code status}
 * can show each query's progress.
 *
 * <p>Sink protocol per batch: {@code if (isCommitted(q, run, b)) return; v = nextVersion(q); write every table with
 * _version = v; recordCommitted(...)}. A crash between the writes and the record makes the re-run write the same rows
 * again with a higher version, which the tables' ReplacingMergeTree turns into a replacement, not a duplicate.
 */
public interface BatchLedger {

    boolean isCommitted(String query, String runId, long batchId);

    void recordCommitted(CommittedBatch batch);

    /** The latest committed batch of a query (any run), for status. */
    Optional<CommittedBatch> lastCommitted(String query);

    /**
     * A {@code _version} for the next batch of {@code query}: the current time in microseconds, or one more than the
     * highest version the query has committed if the clock is behind it (a driver restarted on a host with a slower
     * clock). Time-based versions keep growing across checkpoint resets and replays, where batch ids start over.
     */
    long nextVersion(String query);
}
