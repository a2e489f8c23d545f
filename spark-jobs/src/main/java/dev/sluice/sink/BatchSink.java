package dev.sluice.sink;

import java.util.Iterator;
import java.util.List;

/**
 * Where the streaming job writes each micro-batch: one insert per table per call (JSONEachRow), and a ledger of
 * committed batches. It mirrors core's ClickHouse writer and batch ledger (dev.sluice.clickhouse) one to one, so the
 * production implementation is a thin adapter; tests use {@code InMemoryBatchSink}.
 *
 * <p>Protocol per batch (BatchWriter): {@code if isCommitted -> skip; v = nextVersion; insert each table (rows carry
 * _version = v); commit}. A crash before commit re-runs the batch with a higher version: the ReplacingMergeTree tables
 * keep one row per identity, so nothing is duplicated. Failures are thrown (the batch fails, Spark re-runs it), never
 * swallowed; implementations retry transient ones themselves.
 */
public interface BatchSink extends AutoCloseable {

    /** Whether this query run (Spark's query id: the checkpoint's identity) already committed the batch. */
    boolean isCommitted(String query, String runId, long batchId);

    /** A {@code _version} larger than any this query has written (time based, so it grows across checkpoint resets). */
    long nextVersion(String query);

    /** ONE insert of the JSON lines into the table; {@code columns} are the keys of every line, in table order. Returns rows. */
    long insert(String table, List<String> columns, Iterator<String> jsonLines);

    /** Records the batch as committed, after all its inserts succeeded. */
    void commit(BatchCommit commit);

    @Override
    default void close() {
    }
}
