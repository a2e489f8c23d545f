package dev.sluice.bench;

import dev.sluice.clickhouse.ColumnRole;
import dev.sluice.clickhouse.OutputColumn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * JSONEachRow lines shaped like an aggregation's output as the streaming job sends it (Spark's to_json with the
 * sink's timestamp format), for measuring the ClickHouse writer alone: every row is a distinct window and group,
 * values vary so compression and parsing see realistic input.
 */
final class SyntheticRows implements Iterator<String> {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Far from any real event time, so these rows can never be mistaken for results. */
    static final Instant FIRST_WINDOW = Instant.parse("2001-01-01T00:00:00Z");
    /** Groups per window when there are dimensions (one row per window without). */
    static final int GROUPS = 240;

    private final List<OutputColumn> columns;
    private final long count;
    private final int groups;
    private long next;

    /** @param columns the insert columns of an aggregation table, in order */
    SyntheticRows(List<OutputColumn> columns, long count) {
        this.columns = List.copyOf(columns);
        this.count = count;
        this.groups = columns.stream().anyMatch(c -> c.role() == ColumnRole.DIMENSION) ? GROUPS : 1;
    }

    @Override
    public boolean hasNext() {
        return next < count;
    }

    @Override
    public String next() {
        if (next >= count) {
            throw new NoSuchElementException();
        }
        long i = next++;
        long window = i / groups;
        long group = i % groups;
        StringBuilder line = new StringBuilder(64 + 24 * columns.size()).append('{');
        for (int c = 0; c < columns.size(); c++) {
            OutputColumn column = columns.get(c);
            if (c > 0) {
                line.append(',');
            }
            line.append('"').append(column.name()).append("\":");
            switch (column.role()) {
                case WINDOW_START -> quoted(line, TIMESTAMP.format(FIRST_WINDOW.plusSeconds(60 * window)));
                case WINDOW_END -> quoted(line, TIMESTAMP.format(FIRST_WINDOW.plusSeconds(60 * window + 60)));
                // Every dimension carries the group number, so each row is its own (window, group).
                case DIMENSION -> quoted(line, column.name() + "_" + group);
                default -> value(line, column, i);
            }
        }
        return line.append('}').toString();
    }

    private static void value(StringBuilder line, OutputColumn column, long i) {
        switch (column.type()) {
            case TIMESTAMP -> quoted(line, TIMESTAMP.format(FIRST_WINDOW.plusMillis(i)));
            case STRING -> quoted(line, column.name().startsWith("_") ? "bench" : "v" + (i % 31));
            case UINT64 -> line.append(1 + (i * 7919) % 100_000);
            case INT64 -> line.append((i * 104_729) % 10_000_000 - 5_000);
            case FLOAT64 -> line.append(String.format(Locale.ROOT, "%.4f", ((i * 7919) % 1_000_000) / 997.0));
        }
    }

    private static void quoted(StringBuilder line, String value) {
        line.append('"').append(value).append('"');
    }
}
