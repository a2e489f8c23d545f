package dev.sluice.cli.status;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.clickhouse.Sql;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts, per aggregation of a domain, its table's rows, the events they hold, its late events and its dead letters by
 * reason. Reads the tables' {@code _current} views (FINAL), so a row written twice by a re-run batch counts once.
 * A failing query costs only the numbers it would have given; the failure goes to {@code notes}.
 */
public final class ClickHouseCountsReader {

    /** Suffix of the view every Sluice table has (TableSpec.viewName on the clickhouse side). */
    static final String CURRENT_VIEW = "_current";

    private final ClickHouseQueries clickHouse;
    private final String database;

    public ClickHouseCountsReader(ClickHouseQueries clickHouse, String database) {
        this.clickHouse = clickHouse;
        this.database = database;
    }

    public Map<String, AggregationCounts> read(DomainConfig domain, Consumer<String> notes) {
        Map<String, AggregationCounts> counts = new LinkedHashMap<>();
        Optional<Set<String>> existing = attempt(notes, "anything: cannot list the tables of database " + database, this::existingViews);
        if (existing.isEmpty()) {
            domain.aggregations().keySet().forEach(a -> counts.put(a, AggregationCounts.unknown("ClickHouse did not answer")));
            return counts;
        }
        Optional<Map<String, Map<String, Long>>> deadLetters = present(existing.get(), SluiceTables.DEAD_LETTERS, notes)
                ? attempt(notes, "dead letters of " + domain.name(), () -> deadLetters(domain.name())) : Optional.empty();
        Optional<Map<String, LateCounts>> late = present(existing.get(), SluiceTables.LATE_EVENTS, notes)
                ? attempt(notes, "late events of " + domain.name(), () -> lateEvents(domain.name())) : Optional.empty();
        for (AggregationConfig aggregation : domain.aggregations().values()) {
            AggregatedInputRule rule = AggregatedInputRule.of(aggregation);
            String table = AggregationColumns.tableName(domain, aggregation);
            Optional<List<String>> row = present(existing.get(), table, notes)
                    ? attempt(notes, "rows of " + table, () -> tableRow(table, rule)) : Optional.empty();
            Optional<Long> rows = row.map(r -> parse(r.get(0)));
            Optional<LateCounts> lateOfAggregation = late.map(l -> l.getOrDefault(aggregation.name(), LateCounts.NONE));
            // A partly late event is in (windowsPerEvent - missed) windows: adding its missed windows back makes the sum
            // exactly windowsPerEvent per aggregated event. Unknown while the late events are.
            Optional<Long> aggregated = rule.countColumn().isEmpty() ? Optional.empty()
                    : row.flatMap(r -> lateOfAggregation.map(l -> (parse(r.get(1)) + l.missedWindowsOfPartlyLate()) / rule.windowsPerEvent()));
            counts.put(aggregation.name(), new AggregationCounts(rows, aggregated, rule.explanation(),
                    lateOfAggregation.map(LateCounts::wholly), lateOfAggregation.map(LateCounts::partly),
                    deadLetters.map(d -> d.getOrDefault(aggregation.name(), Map.of()))));
        }
        return counts;
    }

    /**
     * The views this reader queries. Asked first because a missing table makes ClickHouse answer HTTP 404, which
     * the client cannot read a message from; a missing view is reported as what it is, a DDL not applied yet.
     */
    private Set<String> existingViews() {
        Set<String> names = new HashSet<>();
        for (List<String> r : clickHouse.select("SELECT name FROM system.tables WHERE database = " + Sql.literal(database))) {
            names.add(r.get(0));
        }
        return names;
    }

    private boolean present(Set<String> existing, String table, Consumer<String> notes) {
        if (existing.contains(table + CURRENT_VIEW)) {
            return true;
        }
        notes.accept("ClickHouse: " + Sql.qualified(database, table + CURRENT_VIEW) + " does not exist; create the tables with"
                + " bin/sluice ddl apply --env <env> first (its numbers are unknown) [bad config]");
        return false;
    }

    /** Dead letters not tied to any aggregation (aggregation = ''), by reason; empty map when none. */
    public Optional<Map<String, Long>> unattributedDeadLetters(DomainConfig domain, Consumer<String> notes) {
        Optional<Set<String>> existing = attempt(notes, "the tables of " + database, this::existingViews);
        if (existing.isEmpty() || !existing.get().contains(SluiceTables.DEAD_LETTERS + CURRENT_VIEW)) {
            return Optional.empty();
        }
        return attempt(notes, "dead letters of " + domain.name(), () -> deadLetters(domain.name()).getOrDefault("", Map.of()));
    }

    private List<String> tableRow(String table, AggregatedInputRule rule) {
        String sum = rule.countColumn().map(c -> ", sum(" + Sql.identifier(c) + ")").orElse("");
        List<List<String>> rows = clickHouse.select("SELECT count()" + sum + " FROM " + Sql.qualified(database, table + CURRENT_VIEW));
        return rows.get(0);
    }

    private Map<String, Map<String, Long>> deadLetters(String domain) {
        Map<String, Map<String, Long>> byAggregation = new HashMap<>();
        for (List<String> r : clickHouse.select("SELECT aggregation, reason, count() FROM "
                + Sql.qualified(database, SluiceTables.DEAD_LETTERS + CURRENT_VIEW) + " WHERE domain = " + Sql.literal(domain)
                + " GROUP BY aggregation, reason")) {
            byAggregation.computeIfAbsent(r.get(0), a -> new TreeMap<>()).put(r.get(1), parse(r.get(2)));
        }
        return byAggregation;
    }

    /** One aggregation's late records: wholly late events, partly late ones, and the windows the partly late ones miss. */
    private record LateCounts(long wholly, long partly, long missedWindowsOfPartlyLate) {
        static final LateCounts NONE = new LateCounts(0, 0, 0);
    }

    private Map<String, LateCounts> lateEvents(String domain) {
        Map<String, LateCounts> byAggregation = new HashMap<>();
        for (List<String> r : clickHouse.select("SELECT aggregation, countIf(partly_late = 0), countIf(partly_late = 1),"
                + " sumIf(missed_windows, partly_late = 1) FROM " + Sql.qualified(database, SluiceTables.LATE_EVENTS + CURRENT_VIEW)
                + " WHERE domain = " + Sql.literal(domain) + " GROUP BY aggregation")) {
            byAggregation.put(r.get(0), new LateCounts(parse(r.get(1)), parse(r.get(2)), parse(r.get(3))));
        }
        return byAggregation;
    }

    private static long parse(String value) {
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private static <T> Optional<T> attempt(Consumer<String> notes, String what, java.util.function.Supplier<T> query) {
        try {
            return Optional.of(query.get());
        } catch (SinkException e) {
            notes.accept("ClickHouse: cannot count " + what + ": " + e.getMessage());
            return Optional.empty();
        }
    }
}
