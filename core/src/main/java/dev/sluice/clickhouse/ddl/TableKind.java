package dev.sluice.clickhouse.ddl;

/** The kinds of table Sluice owns. */
public enum TableKind {
    /** One per aggregation: windowed aggregates, the current row per window and group. */
    AGGREGATE,
    /** Kafka records that could not be decoded or processed. */
    DEAD_LETTERS,
    /** Events that arrived after their window's watermark and were not aggregated. */
    LATE_EVENTS,
    /** The sink's ledger of committed micro-batches. */
    COMMITTED_BATCHES
}
