package dev.sluice.endtoend;

import dev.sluice.testsupport.ClickHouseTestDatabase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads what the job left in the test's ClickHouse database, through plain SQL over HTTP (TabSeparated) that works on
 * 18.16 and current servers alike. Times are read as Unix seconds ({@code toUnixTimestamp}), independent of the
 * server's time zone and of DateTime vs DateTime64.
 */
final class ClickHouseState {

    record LateRow(String eventId, long latenessMs, long watermarkSeconds, boolean partly, long missedWindows,
                   long firstMissedStartSeconds, long lastMissedStartSeconds) {
    }

    record DeadLetter(String topic, long partition, long offset, String reason) {
    }

    /** One query's ledger: committed batch ids, the run ids they belong to, and rows written per table. */
    record Ledger(List<Long> batchIds, List<String> runIds, Map<String, Long> rowsByTable) {
        long rows(String table) {
            return rowsByTable.getOrDefault(table, 0L);
        }
    }

    private final ClickHouseTestDatabase db;

    ClickHouseState(ClickHouseTestDatabase db) {
        this.db = db;
    }

    List<List<String>> select(String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : db.sql(sql).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String field : line.split("\t", -1)) {
                fields.add(unescape(field));
            }
            rows.add(fields);
        }
        return rows;
    }

    long count(String sql) {
        return Long.parseLong(select(sql).get(0).get(0));
    }

    /**
     * The rows of an aggregate's {@code _current} view: key = window (seconds) + dimensions, value = the measures'
     * text in the order given.
     */
    Map<ExpectedAggregation.RowKey, List<String>> aggregateRows(String table, List<String> dimensions, List<String> measures) {
        StringBuilder sql = new StringBuilder("SELECT toUnixTimestamp(window_start), toUnixTimestamp(window_end)");
        dimensions.forEach(d -> sql.append(", ").append(d));
        measures.forEach(m -> sql.append(", ").append(m));
        sql.append(" FROM ").append(table).append("_current");
        Map<ExpectedAggregation.RowKey, List<String>> rows = new LinkedHashMap<>();
        for (List<String> row : select(sql.toString())) {
            ExpectedAggregation.RowKey key = new ExpectedAggregation.RowKey(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)),
                    List.copyOf(row.subList(2, 2 + dimensions.size())));
            if (rows.put(key, List.copyOf(row.subList(2 + dimensions.size(), row.size()))) != null) {
                throw new AssertionError(table + "_current holds " + key + " more than once");
            }
        }
        return rows;
    }

    /** Keys (window + dimensions) that the view returns more than once; empty when FINAL works. */
    List<List<String>> duplicateKeys(String table, List<String> dimensions) {
        String key = "window_start, window_end" + dimensions.stream().map(d -> ", " + d).reduce("", String::concat);
        return select("SELECT " + key + ", count() AS n FROM " + table + "_current GROUP BY " + key + " HAVING n > 1 LIMIT 10");
    }

    Map<String, LateRow> lateEvents(String domain, String aggregation) {
        Map<String, LateRow> rows = new TreeMap<>();
        for (List<String> row : select("SELECT event_id, lateness_ms, toUnixTimestamp(watermark), partly_late, missed_windows,"
                + " toUnixTimestamp(first_missed_window_start), toUnixTimestamp(last_missed_window_start) FROM sluice_late_events_current"
                + " WHERE domain = '" + domain + "' AND aggregation = '" + aggregation + "'")) {
            rows.put(row.get(0), new LateRow(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), "1".equals(row.get(3)),
                    Long.parseLong(row.get(4)), Long.parseLong(row.get(5)), Long.parseLong(row.get(6))));
        }
        return rows;
    }

    /**
     * Late records per window start they name, by the query the README documents for SQL users ("Late events"):
     * each record's missed windows start every slide from first_missed_window_start to last_missed_window_start.
     */
    Map<Long, Long> lateRecordsPerWindow(String domain, String aggregation, long slideSeconds) {
        Map<Long, Long> perWindow = new TreeMap<>();
        for (List<String> row : select("SELECT toUnixTimestamp(window_start) AS w, count() FROM (SELECT addSeconds(first_missed_window_start,"
                + " arrayJoin(range(missed_windows)) * " + slideSeconds + ") AS window_start"
                + " FROM sluice_late_events_current WHERE domain = '" + domain + "' AND aggregation = '" + aggregation + "')"
                + " GROUP BY w")) {
            perWindow.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
        }
        return perWindow;
    }

    /** The sum of a count measure per window start over the aggregation's current rows (all groups of the window). */
    Map<Long, Long> countPerWindow(String table, String countColumn) {
        Map<Long, Long> perWindow = new TreeMap<>();
        for (List<String> row : select("SELECT toUnixTimestamp(window_start), sum(" + countColumn + ") FROM " + table + "_current"
                + " GROUP BY window_start")) {
            perWindow.put(Long.parseLong(row.get(0)), Long.parseLong(row.get(1)));
        }
        return perWindow;
    }

    List<DeadLetter> deadLetters(String domain, String aggregation) {
        List<DeadLetter> rows = new ArrayList<>();
        for (List<String> row : select("SELECT topic, kafka_partition, kafka_offset, reason FROM sluice_dead_letters_current WHERE domain = '"
                + domain + "' AND aggregation = '" + aggregation + "' ORDER BY topic, kafka_partition, kafka_offset")) {
            rows.add(new DeadLetter(row.get(0), Long.parseLong(row.get(1)), Long.parseLong(row.get(2)), row.get(3)));
        }
        return rows;
    }

    Ledger ledger(String query) {
        List<Long> batches = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (List<String> row : select("SELECT batch_id, run_id FROM sluice_committed_batches_current WHERE query = '" + query + "' ORDER BY batch_id")) {
            batches.add(Long.parseLong(row.get(0)));
            if (!runIds.contains(row.get(1))) {
                runIds.add(row.get(1));
            }
        }
        Map<String, Long> rows = new TreeMap<>();
        for (List<String> row : select("SELECT name, sum(written) FROM sluice_committed_batches_current "
                + "ARRAY JOIN table_names AS name, table_rows AS written WHERE query = '" + query + "' GROUP BY name")) {
            rows.put(row.get(0), Long.parseLong(row.get(1)));
        }
        return new Ledger(batches, runIds, rows);
    }

    /** Committed batches of all queries (each batch once, FINAL). */
    long committedBatches() {
        return count("SELECT count() FROM sluice_committed_batches_current");
    }

    /** TabSeparated escapes: {@code \t \n \\ \'}; {@code \N} (null) is left as it is. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0 || field.equals(ExpectedValue.NULL)) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                switch (next) {
                    case 't' -> out.append('\t');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '0' -> out.append('\0');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
