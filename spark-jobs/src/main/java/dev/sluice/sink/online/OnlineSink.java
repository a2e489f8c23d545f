package dev.sluice.sink.online;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The online half of a batch's write: called by the batch writer (and replay) after the aggregates are in ClickHouse
 * and before the batch is committed, with the same rows and {@code _version}. A failure is thrown (a
 * {@code SinkException} of its kind), so the batch is not committed and is re-run like after a ClickHouse failure.
 */
@FunctionalInterface
public interface OnlineSink {

    /** @param aggregates the aggregation's output columns ({@code CompiledAggregation#outputSchema()}), nothing else */
    void write(Dataset<Row> aggregates, long version);

    /** For aggregations without {@code online:}. */
    OnlineSink NONE = (aggregates, version) -> { };
}
