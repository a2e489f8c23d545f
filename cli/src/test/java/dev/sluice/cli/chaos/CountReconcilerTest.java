package dev.sluice.cli.chaos;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.EventStream;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountReconcilerTest {

    private static final DomainConfig PAYMENTS = ConfigLoader.forRepository(Path.of("..").toAbsolutePath().normalize())
            .allowingMissingSecrets().load("dev").domain("payments");
    private static final AggregationConfig DEVICE_RISK = PAYMENTS.aggregations().get("device_risk_5m");
    private static final GeneratorOptions OPTIONS = GeneratorOptions.defaults(11L, Instant.parse("2026-03-02T10:00:00Z"), 400);

    /** Answers the reconciler's three queries from fixed rows. */
    private record FakeClickHouse(List<List<String>> aggregates, List<String> late, long deadLetters) implements ClickHouseQueries {
        @Override
        public void execute(String sql) {
            throw new UnsupportedOperationException(sql);
        }

        @Override
        public List<List<String>> select(String sql) {
            if (sql.startsWith("SELECT event_id FROM sluice.sluice_late_events_current WHERE domain = 'payments' AND aggregation = 'device_risk_5m'")) {
                return late.stream().map(List::of).toList();
            }
            if (sql.equals("SELECT toUnixTimestamp(window_start), device_action, os, events FROM sluice.payments_device_risk_5m_current")) {
                return aggregates;
            }
            if (sql.startsWith("SELECT count() FROM sluice.sluice_dead_letters_current WHERE domain = 'payments' AND aggregation = 'device_risk_5m'")) {
                return List.of(List.of(Long.toString(deadLetters)));
            }
            throw new AssertionError("unexpected query " + sql);
        }
    }

    /** The rows a correct job writes, computed here without the reconciler: window start seconds, action, os -> count. */
    private static Map<List<String>, Long> correctRows(List<String> lateIds) {
        Map<List<String>, Long> rows = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        EventStream stream = EventGenerator.stream(PAYMENTS, OPTIONS);
        while (stream.hasNext()) {
            GeneratedEvent e = stream.next();
            if (e.valid() && e.eventType().equals("device_event") && !lateIds.contains(e.eventId())) {
                long windowStart = e.eventTime() / 300_000 * 300;
                rows.merge(List.of(Long.toString(windowStart), (String) e.value("action"), (String) e.value("os")), 1L, Long::sum);
            }
        }
        return rows;
    }

    private static List<String> firstDeviceEventId() {
        EventStream stream = EventGenerator.stream(PAYMENTS, OPTIONS);
        while (stream.hasNext()) {
            GeneratedEvent e = stream.next();
            if (e.valid() && e.eventType().equals("device_event")) {
                return List.of(e.eventId());
            }
        }
        throw new AssertionError("no device event generated");
    }

    private static List<List<String>> asRows(Map<List<String>, Long> rows) {
        List<List<String>> out = new ArrayList<>();
        rows.forEach((key, count) -> {
            List<String> row = new ArrayList<>(key);
            row.add(Long.toString(count));
            out.add(row);
        });
        return out;
    }

    private static long validDeviceEvents() {
        return correctRows(List.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    private static CountReconciler.Result reconcile(FakeClickHouse clickHouse, long malformedSent) {
        String topic = PAYMENTS.event("device_event").topic();
        return new CountReconciler(PAYMENTS, OPTIONS, Map.of(topic, new CountReconciler.Sent(validDeviceEvents(), malformedSent)), clickHouse, "sluice")
                .reconcile(DEVICE_RISK);
    }

    @Test
    void exactRowsAndLateEventsReconcile() {
        List<String> late = firstDeviceEventId();
        Map<List<String>, Long> rows = correctRows(late);
        CountReconciler.Result result = reconcile(new FakeClickHouse(asRows(rows), late, 2), 2);

        assertEquals(0, result.lost());
        assertEquals(0, result.duplicated());
        assertEquals(rows.size(), result.exactWindows());
        assertEquals(result.produced(), result.reconciled(), result.toString());
        assertEquals(1, result.late());
        assertEquals(List.of(), result.problems());
    }

    @Test
    void aShortRowIsLossAndAnOverfullRowIsDoubleCounting() {
        Map<List<String>, Long> rows = correctRows(List.of());
        List<List<String>> keys = new ArrayList<>(rows.keySet());
        rows.merge(keys.get(0), -1L, Long::sum);
        rows.merge(keys.get(1), 2L, Long::sum);
        CountReconciler.Result result = reconcile(new FakeClickHouse(asRows(rows), List.of(), 0), 0);

        assertEquals(1, result.lost());
        assertEquals(2, result.duplicated());
        assertEquals(rows.size() - 2, result.exactWindows());
    }

    @Test
    void missingDeadLettersAreLossAndUnknownLateIdsAProblem() {
        CountReconciler.Result result = reconcile(new FakeClickHouse(asRows(correctRows(List.of())), List.of("not-an-event"), 1), 3);

        assertEquals(2, result.lost(), "two malformed records never reached the dead letters");
        assertTrue(result.problems().contains("1 late-event ids are not events the generator sent"), result.problems().toString());
        assertTrue(result.problems().contains("2 malformed records are not in the dead letters"), result.problems().toString());
    }

    @Test
    void validEventsInTheDeadLettersAreDeadLettersNotLossCountedTwice() {
        // Three valid events went to the dead letters instead of their windows (two from one window, one from another),
        // next to the two malformed records: 5 dead letters, and the aggregates 3 short.
        Map<List<String>, Long> rows = correctRows(List.of());
        List<List<String>> keys = new ArrayList<>(rows.keySet());
        rows.merge(keys.get(0), -2L, Long::sum);
        rows.merge(keys.get(1), -1L, Long::sum);
        CountReconciler.Result result = reconcile(new FakeClickHouse(asRows(rows), List.of(), 5), 2);

        long valid = validDeviceEvents();
        assertEquals(valid, result.valid());
        assertEquals(2, result.malformed());
        assertEquals(valid - 3, result.aggregated());
        assertEquals(5, result.deadLetters());
        assertEquals(0, result.lost(), "the three events are in the dead letters, not lost, and certainly not lost twice (6)");
        assertEquals(0, result.duplicated());
        assertEquals(valid + 2, result.reconciled(), "each event classified once: aggregated + late + dead letters = produced");
        assertEquals(result.produced(), result.reconciled());
        assertEquals(rows.size() - 2, result.exactWindows());
        assertEquals(List.of("3 valid events were dead-lettered instead of aggregated (dead letters 5, malformed records sent 2)"),
                result.problems());
    }

    @Test
    void deadLettersBeyondTheMissingEventsAreDoubleCounting() {
        // One valid event dead-lettered instead of aggregated, yet 5 dead letters for 2 malformed records: two of them
        // stand for no event.
        Map<List<String>, Long> rows = correctRows(List.of());
        rows.merge(new ArrayList<>(rows.keySet()).get(0), -1L, Long::sum);
        CountReconciler.Result result = reconcile(new FakeClickHouse(asRows(rows), List.of(), 5), 2);

        assertEquals(0, result.lost());
        assertEquals(2, result.duplicated());
        assertEquals(result.produced(), result.reconciled() + result.lost() - result.duplicated());
        assertEquals(List.of("1 valid events were dead-lettered instead of aggregated (dead letters 5, malformed records sent 2)",
                "2 dead letters stand for no missing event (records dead-lettered twice?)"), result.problems());
    }

    @Test
    void onlyTumblingUpdateAggregationsWithAnUnconditionalCountAndNoFilterAreReconciled() {
        assertEquals(java.util.Optional.empty(), CountReconciler.notReconcilable(DEVICE_RISK));
        assertEquals(java.util.Optional.of("sliding windows"), CountReconciler.notReconcilable(PAYMENTS.aggregations().get("card_velocity_10m")));
        assertEquals(java.util.Optional.of("append mode"), CountReconciler.notReconcilable(PAYMENTS.aggregations().get("volume_by_currency_1m")));
        assertEquals(java.util.Optional.of("session windows"), CountReconciler.notReconcilable(PAYMENTS.aggregations().get("click_sessions")));
    }
}
