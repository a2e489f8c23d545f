package dev.sluice.clickhouse;

import java.util.List;

/**
 * The tables every Sluice database has besides the aggregates, and their insert columns: the contract between the
 * Spark queries that fill them and the DDL that creates them.
 *
 * <p>All three are ReplacingMergeTree tables keyed by the identity of a record, so a re-run batch that writes the
 * same dead letter, late event or ledger row again replaces it. Read them through their {@code _current} views (or
 * with FINAL) to see each record once before background merges have run.
 */
public final class SluiceTables {

    public static final String DEAD_LETTERS = "sluice_dead_letters";
    public static final String LATE_EVENTS = "sluice_late_events";
    public static final String COMMITTED_BATCHES = "sluice_committed_batches";

    private SluiceTables() {
    }

    /**
     * Kafka records a query could not use. Identity: topic, partition, offset and the aggregation (each query reads
     * the topic on its own and records its own failure). Partitioned by the Kafka record timestamp, which a re-run
     * reads again unchanged, so a re-written row lands in the same partition as the first and replaces it.
     */
    public static List<OutputColumn> deadLetterColumns() {
        return List.of(
                data("topic", LogicalType.STRING, "Kafka topic the record was read from.", true),
                data("kafka_partition", LogicalType.INT64, "Kafka partition.", false),
                data("kafka_offset", LogicalType.INT64, "Kafka offset within the partition.", false),
                data("kafka_timestamp", LogicalType.TIMESTAMP, "Kafka record timestamp, UTC.", false),
                data("key_base64", LogicalType.STRING, "Record key bytes, base64; empty when the record has no key.", false),
                data("value_base64", LogicalType.STRING, "Record value bytes as received, base64.", false),
                data("reason", LogicalType.STRING, "Short code of what went wrong, e.g. bad_wire_format, unknown_schema_id, undecodable, invalid_field.", true),
                data("error", LogicalType.STRING, "Detail of the failure (exception message).", false),
                data("domain", LogicalType.STRING, "Domain whose topic the record came from.", true),
                data("event_type", LogicalType.STRING, "Event type the topic carries.", true),
                data("aggregation", LogicalType.STRING, "Aggregation whose query met the record; empty when not tied to one.", true),
                new OutputColumn("received_at", ColumnRole.SERVER_FILLED, LogicalType.TIMESTAMP, false, "When ClickHouse received the row, UTC.", false));
    }

    /**
     * Events that arrived after the watermark had passed one or more of their windows. Wholly late events
     * ({@code partly_late = 0}) are in no aggregate row; a sliding-window event can be partly late ({@code partly_late = 1}):
     * counted in its windows that were still open, missing from the {@code missed_windows} earlier ones, which are the
     * consecutive window starts from {@code first_missed_window_start} to {@code last_missed_window_start}. Identity:
     * domain, aggregation, event_id; partitioned by event time (unchanged on a re-run).
     */
    public static List<OutputColumn> lateEventColumns() {
        return List.of(
                data("domain", LogicalType.STRING, "Domain of the event.", true),
                data("aggregation", LogicalType.STRING, "Aggregation the event was too late for.", true),
                data("event_id", LogicalType.STRING, "The event's event_id.", false),
                data("event_time", LogicalType.TIMESTAMP, "The event's event_time, UTC.", false),
                data("watermark", LogicalType.TIMESTAMP, "The query's watermark when the event arrived, UTC.", false),
                data("lateness_ms", LogicalType.INT64, "How far behind the watermark the event was, in milliseconds.", false),
                data("event_json", LogicalType.STRING, "The decoded event as JSON.", false),
                data("partly_late", LogicalType.UINT64, "1: counted in its later windows, missing from the missed ones (sliding windows);"
                        + " 0: in no window of the aggregation.", false),
                data("missed_windows", LogicalType.UINT64, "How many of its windows the event is missing from (0 on rows written before"
                        + " Sluice recorded it).", false),
                data("first_missed_window_start", LogicalType.TIMESTAMP, "Start of the earliest window the event is missing from, UTC;"
                        + " session windows: the event time.", false),
                data("last_missed_window_start", LogicalType.TIMESTAMP, "Start of the latest window the event is missing from, UTC; the"
                        + " missed windows start every slide from the first to this one.", false),
                new OutputColumn("recorded_at", ColumnRole.SERVER_FILLED, LogicalType.TIMESTAMP, false, "When ClickHouse received the row, UTC.", false));
    }

    private static OutputColumn data(String name, LogicalType type, String comment, boolean lowCardinality) {
        return new OutputColumn(name, ColumnRole.DATA, type, false, comment, lowCardinality);
    }
}
