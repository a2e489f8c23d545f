package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseTypes;
import dev.sluice.clickhouse.ColumnRole;
import dev.sluice.clickhouse.OutputColumn;
import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tables the config asks for, typed for one server.
 *
 * <p>Aggregate tables are ordered by {@code (dimensions..., window_start[, window_end])}: dashboards ask for a time
 * range of some groups ("US, last 6 hours"), and with the dimensions first the primary index narrows to those groups
 * and then to the time range inside them, while daily partitions on {@code window_start} already prune a time range
 * to the days it touches. Time-first order would serve "every group, last minute" slightly better, but that query is
 * already bounded by one daily partition. The sorting key is also the row identity ReplacingMergeTree deduplicates on,
 * so it must hold exactly the dimensions and the window.
 */
public final class SchemaCatalog {

    /** Partition aggregates by day: small enough that FINAL and merges work on little data, few enough parts per year. */
    static final String AGGREGATE_PARTITION = "toYYYYMMDD(" + AggregationColumns.WINDOW_START + ")";
    /** The batch ledger is bookkeeping, not data: 90 days is enough for status and for re-runs of recent batches. */
    static final int LEDGER_RETENTION_DAYS = 90;

    private final ServerCapabilities server;
    private final ClickHouseTypes types;

    public SchemaCatalog(ServerCapabilities server) {
        this.server = server;
        this.types = new ClickHouseTypes(server);
    }

    public ServerCapabilities server() {
        return server;
    }

    /** The shared tables, then each domain's aggregates in config order. */
    public List<TableSpec> all(Collection<DomainConfig> domains) {
        List<TableSpec> tables = new ArrayList<>(common());
        for (DomainConfig domain : domains) {
            tables.addAll(domainTables(domain));
        }
        return tables;
    }

    public List<TableSpec> domainTables(DomainConfig domain) {
        List<TableSpec> tables = new ArrayList<>();
        for (AggregationConfig aggregation : domain.aggregations().values()) {
            tables.add(aggregate(domain, aggregation));
        }
        return tables;
    }

    public List<TableSpec> common() {
        return List.of(deadLetters(), lateEvents(), committedBatches());
    }

    public TableSpec aggregate(DomainConfig domain, AggregationConfig aggregation) {
        AggregationColumns output = AggregationColumns.of(domain, aggregation);
        List<ColumnSpec> columns = output.columns().stream().map(this::columnSpec).toList();
        List<String> identity = output.identity();
        // every version of a row shares its identity, so hashing the identity sends them all to one shard, where
        // FINAL can pick the latest; window_start spreads the groups of few-valued dimensions over the shards
        List<String> shardBy = new ArrayList<>();
        output.dimensions().forEach(d -> shardBy.add(d.name()));
        shardBy.add(AggregationColumns.WINDOW_START);
        String description = aggregation.description() != null && !aggregation.description().isBlank()
                ? aggregation.description().strip()
                : "Aggregation " + aggregation.name() + " of domain " + domain.name() + ".";
        return new TableSpec(output.table(), TableKind.AGGREGATE,
                "config/domains/" + domain.name() + ".yaml, aggregation " + aggregation.name(), description,
                columns, AggregationColumns.VERSION, identity, AGGREGATE_PARTITION,
                "cityHash64(" + String.join(", ", shardBy) + ")", null, viewColumns(columns));
    }

    public TableSpec deadLetters() {
        List<ColumnSpec> columns = SluiceTables.deadLetterColumns().stream().map(this::columnSpec).toList();
        return new TableSpec(SluiceTables.DEAD_LETTERS, TableKind.DEAD_LETTERS, "Sluice (shared by all domains)",
                "Kafka records a streaming query could not use, with the raw bytes and the reason. One row per record and aggregation.",
                columns, null, List.of("topic", "kafka_partition", "kafka_offset", "aggregation"),
                "toYYYYMM(kafka_timestamp)", "cityHash64(topic, kafka_partition, kafka_offset)", null, viewColumns(columns));
    }

    public TableSpec lateEvents() {
        List<ColumnSpec> columns = SluiceTables.lateEventColumns().stream().map(this::columnSpec).toList();
        return new TableSpec(SluiceTables.LATE_EVENTS, TableKind.LATE_EVENTS, "Sluice (shared by all domains)",
                "Events that arrived after the watermark had passed one or more of their windows: wholly late ones (partly_late = 0) are in"
                        + " no aggregate row, partly late ones (sliding windows) are missing from the windows named. One row per event and aggregation.",
                columns, null, List.of("domain", "aggregation", "event_id"),
                "toYYYYMM(event_time)", "cityHash64(domain, aggregation, event_id)", null, viewColumns(columns));
    }

    public TableSpec committedBatches() {
        String ts = types.timestamp();
        List<ColumnSpec> columns = List.of(
                ColumnSpec.of("query", "String", "Streaming query (or replay) name."),
                ColumnSpec.of("run_id", "String", "Identity of the query's checkpoint (Spark StreamingQuery id) or of a replay run; batch ids restart when it changes."),
                ColumnSpec.of("batch_id", "Int64", "Micro-batch id within the run."),
                ColumnSpec.of("table_names", "Array(String)", "Tables the batch wrote to, parallel to table_rows."),
                ColumnSpec.of("table_rows", "Array(UInt64)", "Rows the batch wrote to each of table_names."),
                ColumnSpec.of("started_at", ts, "When the batch's first write started, UTC."),
                ColumnSpec.of("committed_at", ts, "When all the batch's writes had succeeded, UTC."),
                ColumnSpec.of(AggregationColumns.VERSION, "UInt64", "Write version the batch's rows carry."));
        String ttl = server.supportsTtl() ? "toDateTime(committed_at) + INTERVAL " + LEDGER_RETENTION_DAYS + " DAY" : null;
        return new TableSpec(SluiceTables.COMMITTED_BATCHES, TableKind.COMMITTED_BATCHES, "Sluice (shared by all domains)",
                "Ledger of the micro-batches whose writes all succeeded; the sink skips a re-run of a committed batch and status reads progress from it.",
                columns, AggregationColumns.VERSION, List.of("query", "run_id", "batch_id"), null,
                "cityHash64(query)", ttl, viewColumns(columns));
    }

    private ColumnSpec columnSpec(OutputColumn column) {
        String defaultExpression = column.role() == ColumnRole.SERVER_FILLED ? types.now() : null;
        return new ColumnSpec(column.name(), types.render(column), column.comment(), defaultExpression);
    }

    private static List<String> viewColumns(List<ColumnSpec> columns) {
        return columns.stream().map(ColumnSpec::name).toList();
    }
}
