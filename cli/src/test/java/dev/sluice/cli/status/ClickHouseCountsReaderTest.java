package dev.sluice.cli.status;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.WindowConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClickHouseCountsReaderTest {

    /** Answers the reader's queries from canned rows keyed by a fragment of the SQL, and records what it was asked. */
    private static final class CannedClickHouse implements ClickHouseQueries {
        final Map<String, List<List<String>>> answers = new LinkedHashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public void execute(String sql) {
            throw new AssertionError("status must not modify ClickHouse: " + sql);
        }

        @Override
        public List<List<String>> select(String sql) {
            asked.add(sql);
            return answers.entrySet().stream().filter(e -> sql.contains(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new SinkException(FailureKind.BUG, "unexpected query " + sql));
        }
    }

    @Test
    void countsRowsAggregatedEventsLateEventsAndDeadLettersPerAggregation() {
        CannedClickHouse ch = new CannedClickHouse();
        ch.answers.put("system.tables", List.of(List.of("sluice_dead_letters_current"), List.of("sluice_late_events_current"),
                List.of("payments_fraud_current"), List.of("payments_velocity_current")));
        ch.answers.put("sluice_dead_letters_current", List.of(List.of("fraud", "bad_wire_format", "7"), List.of("fraud", "unknown_schema_id", "3"),
                List.of("", "bad_wire_format", "2")));
        // velocity slides: 20 partly late events miss 50 of their windows, so the table's count sum is 50 short.
        ch.answers.put("sluice_late_events_current", List.of(List.of("fraud", "40", "0", "0"), List.of("velocity", "5", "20", "50")));
        ch.answers.put("payments_fraud_current", List.of(List.of("1234", "5870")));
        ch.answers.put("payments_velocity_current", List.of(List.of("300", "1000")));
        List<String> notes = new ArrayList<>();

        Map<String, AggregationCounts> counts = new ClickHouseCountsReader(ch, "sluice").read(domain(), notes::add);

        assertEquals(new AggregationCounts(Optional.of(1234L), Optional.of(5870L), "sum of 'transactions'", Optional.of(40L), Optional.of(0L),
                Optional.of(Map.of("bad_wire_format", 7L, "unknown_schema_id", 3L))), counts.get("fraud"));
        assertEquals(new AggregationCounts(Optional.of(300L), Optional.of(105L),
                "sum of 'transactions' / 10 (each event is in 10 sliding windows)", Optional.of(5L), Optional.of(20L), Optional.of(Map.of())),
                counts.get("velocity"));
        assertEquals("SELECT aggregation, countIf(partly_late = 0), countIf(partly_late = 1), sumIf(missed_windows, partly_late = 1)"
                + " FROM sluice.sluice_late_events_current WHERE domain = 'payments' GROUP BY aggregation", ch.asked.get(2));
        assertEquals(List.of(), notes);
        assertEquals("SELECT count(), sum(transactions) FROM sluice.payments_fraud_current", ch.asked.get(3));
        assertEquals("SELECT aggregation, reason, count() FROM sluice.sluice_dead_letters_current WHERE domain = 'payments'"
                + " GROUP BY aggregation, reason", ch.asked.get(1));
    }

    @Test
    void aMissingViewIsReportedAsDdlNotAppliedAndLeavesItsNumbersUnknown() {
        CannedClickHouse ch = new CannedClickHouse();
        ch.answers.put("system.tables", List.of(List.of("sluice_dead_letters_current"), List.of("sluice_late_events_current"),
                List.of("payments_fraud_current")));
        ch.answers.put("sluice_dead_letters_current", List.of());
        ch.answers.put("sluice_late_events_current", List.of());
        ch.answers.put("payments_fraud_current", List.of(List.of("0", "0")));
        List<String> notes = new ArrayList<>();

        Map<String, AggregationCounts> counts = new ClickHouseCountsReader(ch, "sluice").read(domain(), notes::add);

        assertEquals(Optional.empty(), counts.get("velocity").tableRows());
        assertEquals(Optional.of(0L), counts.get("velocity").lateEvents());
        assertEquals(List.of("ClickHouse: sluice.payments_velocity_current does not exist; create the tables with bin/sluice ddl"
                + " apply --env <env> first (its numbers are unknown) [bad config]"), notes);
    }

    @Test
    void anUnreachableServerIsOneNoteAndNoNumbers() {
        ClickHouseQueries down = new ClickHouseQueries() {
            @Override
            public void execute(String sql) {
            }

            @Override
            public List<List<String>> select(String sql) {
                throw new SinkException(FailureKind.RETRIABLE, "query on http://127.0.0.1:8123 failed: Connection refused");
            }
        };
        List<String> notes = new ArrayList<>();

        Map<String, AggregationCounts> counts = new ClickHouseCountsReader(down, "sluice").read(domain(), notes::add);

        assertEquals(AggregationCounts.unknown("ClickHouse did not answer"), counts.get("fraud"));
        assertEquals(List.of("ClickHouse: cannot count anything: cannot list the tables of database sluice: query on"
                + " http://127.0.0.1:8123 failed: Connection refused [retriable]"), notes);
    }

    private static DomainConfig domain() {
        Map<String, AggregationConfig> aggregations = new LinkedHashMap<>();
        aggregations.put("fraud", StatusFixtures.tumblingCount("fraud", true));
        aggregations.put("velocity", StatusFixtures.aggregation("velocity",
                new WindowConfig(WindowConfig.WindowType.SLIDING, Duration.ofMinutes(10), Duration.ofMinutes(1), null),
                AggregationConfig.OutputMode.UPDATE, false, List.of(), StatusFixtures.count("transactions")));
        return new DomainConfig("payments", null, Map.of(), Map.of(), Map.of(), aggregations, null);
    }
}
