package dev.sluice.clickhouse.write;

import dev.sluice.clickhouse.SinkException;

/**
 * Writes rows to ClickHouse, one insert per call. Implementations retry transient failures themselves and throw
 * {@link SinkException} with a {@link dev.sluice.clickhouse.FailureKind} otherwise.
 */
public interface ClickHouseWriter extends AutoCloseable {

    /**
     * Inserts the body into the table. Tables are ReplacingMergeTree, so repeating an insert (a retry after a lost
     * response, a re-run batch) does not duplicate rows once read through the table's view.
     *
     * @throws SinkException when the insert failed permanently or ran out of retries
     */
    InsertResult insert(InsertRequest request);

    @Override
    default void close() {
    }
}
