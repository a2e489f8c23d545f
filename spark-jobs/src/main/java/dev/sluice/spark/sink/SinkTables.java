package dev.sluice.spark.sink;

import java.util.List;

/**
 * The tables one aggregation's query writes and the columns of each insert: the contract with the ClickHouse DDL
 * (core's SluiceTables and AggregationColumns name the same tables and columns; server-filled columns such as
 * {@code _written_at}, {@code received_at}, {@code recorded_at} are never sent).
 */
public record SinkTables(String aggregates, String deadLetters, String lateEvents) {

    public static final String DEAD_LETTERS = "sluice_dead_letters";
    public static final String LATE_EVENTS = "sluice_late_events";

    /** Bookkeeping columns every aggregate row carries after the measures. */
    public static final String VERSION = "_version";
    public static final String QUERY = "_query";

    public static final List<String> DEAD_LETTER_COLUMNS = List.of("topic", "kafka_partition", "kafka_offset", "kafka_timestamp",
            "key_base64", "value_base64", "reason", "error", "domain", "event_type", "aggregation");

    public static final List<String> LATE_EVENT_COLUMNS = List.of("domain", "aggregation", "event_id", "event_time", "watermark",
            "lateness_ms", "event_json");

    public static SinkTables forAggregateTable(String table) {
        return new SinkTables(table, DEAD_LETTERS, LATE_EVENTS);
    }
}
