package dev.sluice.clickhouse;

/**
 * The type of one output column, independent of the ClickHouse version. Spark and ClickHouse each map it to their
 * own type: {@link #sparkType()} is the Spark SQL DDL name the streaming query must produce, and
 * {@link ClickHouseTypes} renders the ClickHouse type for a given server.
 */
public enum LogicalType {
    /** An instant; ClickHouse DateTime('UTC') or DateTime64(3, 'UTC'); Spark timestamp. */
    TIMESTAMP("timestamp"),
    /** Text; ClickHouse String or LowCardinality(String); Spark string. */
    STRING("string"),
    /** A count; ClickHouse UInt64; Spark bigint (never negative). */
    UINT64("bigint"),
    /** A signed integer (sums and extremes of int, long and money fields); ClickHouse Int64; Spark bigint. */
    INT64("bigint"),
    /** ClickHouse Float64; Spark double. */
    FLOAT64("double");

    private final String sparkType;

    LogicalType(String sparkType) {
        this.sparkType = sparkType;
    }

    /** The Spark SQL type name ({@code DataType.fromDDL} accepts it) of a column of this type. */
    public String sparkType() {
        return sparkType;
    }
}
