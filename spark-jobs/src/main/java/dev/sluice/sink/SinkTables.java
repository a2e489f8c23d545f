package dev.sluice.sink;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.OutputColumn;
import dev.sluice.clickhouse.SluiceTables;

import java.util.List;

/**
 * The tables one aggregation's query writes and the columns of each insert, taken from core's ClickHouse contract
 * ({@link SluiceTables}, {@link AggregationColumns}) so the JSON lines and the DDL cannot drift apart. Server-filled
 * columns ({@code _written_at}, {@code received_at}, {@code recorded_at}) are never sent.
 */
public record SinkTables(String aggregates, String deadLetters, String lateEvents) {

    public static final String DEAD_LETTERS = SluiceTables.DEAD_LETTERS;
    public static final String LATE_EVENTS = SluiceTables.LATE_EVENTS;

    /** Bookkeeping columns every aggregate row carries after the measures. */
    public static final String VERSION = AggregationColumns.VERSION;
    public static final String QUERY = AggregationColumns.QUERY;

    public static final List<String> DEAD_LETTER_COLUMNS = insertColumns(SluiceTables.deadLetterColumns());

    public static final List<String> LATE_EVENT_COLUMNS = insertColumns(SluiceTables.lateEventColumns());

    public static SinkTables forAggregateTable(String table) {
        return new SinkTables(table, DEAD_LETTERS, LATE_EVENTS);
    }

    private static List<String> insertColumns(List<OutputColumn> columns) {
        return columns.stream().filter(OutputColumn::inInsertBody).map(OutputColumn::name).toList();
    }
}
