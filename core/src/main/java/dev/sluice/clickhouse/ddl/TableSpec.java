package dev.sluice.clickhouse.ddl;

import java.util.List;
import java.util.Optional;

/**
 * A table as the config says it should be, independent of single-server or cluster layout. Every Sluice table is a
 * ReplacingMergeTree keyed by the identity of a row, so writing a row again (a re-run batch) replaces it instead of
 * adding a duplicate; {@link #viewName()} reads it with FINAL so readers never see a replaced row.
 *
 * @param name          table name (in cluster mode the Distributed table; the local tables get {@code _local})
 * @param kind          what the table holds
 * @param source        where it comes from, for the file header (e.g. {@code config/domains/payments.yaml, aggregation x})
 * @param description   what the table answers, for SQL users
 * @param columns       columns in table order
 * @param versionColumn ReplacingMergeTree version column (the highest wins), or null (the last written wins)
 * @param orderBy       sorting key = row identity
 * @param partitionBy   partition expression, or null for one partition
 * @param shardingKey   Distributed sharding expression over identity columns, so every version of a row lands on the same shard
 * @param ttl           TTL expression, or null
 * @param viewColumns   columns the {@code <name>_current} view exposes
 */
public record TableSpec(String name, TableKind kind, String source, String description, List<ColumnSpec> columns,
                        String versionColumn, List<String> orderBy, String partitionBy, String shardingKey, String ttl,
                        List<String> viewColumns) {

    public TableSpec {
        columns = List.copyOf(columns);
        orderBy = List.copyOf(orderBy);
        viewColumns = List.copyOf(viewColumns);
    }

    /** The view readers use: exactly one current row per identity. */
    public String viewName() {
        return name + "_current";
    }

    public String localName() {
        return name + "_local";
    }

    public Optional<ColumnSpec> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }
}
