package dev.sluice.testing;

import org.apache.spark.sql.Row;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Rows as sorted "a|b|c" strings, timestamps as HH:mm:ss UTC, so expected results read like a table. */
public final class Rows {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Rows() {
    }

    public static List<String> format(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row row : rows) {
            lines.add(format(row));
        }
        lines.sort(null);
        return lines;
    }

    /** The expected lines in the order {@link #format(List)} sorts actual rows. */
    public static List<String> sorted(String... lines) {
        List<String> list = new ArrayList<>(List.of(lines));
        list.sort(null);
        return list;
    }

    public static String format(Row row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length(); i++) {
            if (i > 0) {
                line.append('|');
            }
            Object value = row.get(i);
            line.append(value instanceof Timestamp ts ? TIME.format(ts.toInstant()) : String.valueOf(value));
        }
        return line.toString();
    }
}
