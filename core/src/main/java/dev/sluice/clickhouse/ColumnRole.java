package dev.sluice.clickhouse;

/** What an output column is for; decides where it goes in the table key and who fills it. */
public enum ColumnRole {
    WINDOW_START, WINDOW_END, DIMENSION, MEASURE,
    /** A column of a table Sluice owns for its own records (dead letters, late events, the batch ledger). */
    DATA,
    /** Filled by the sink on every write (the version and the writing query). */
    BOOKKEEPING,
    /**
     * Filled by ClickHouse (a DEFAULT) because inserts name their columns and leave this one out; never part of an
     * insert body. DEFAULT rather than MATERIALIZED so that a Distributed table can forward the insert to its shards.
     */
    SERVER_FILLED
}
