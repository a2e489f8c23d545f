package dev.sluice.endtoend;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The independent expectation of the end-to-end tests, on hand-made events and batches of the shipped payments domain. */
class ExpectedAggregationTest {

    private static final DomainConfig PAYMENTS = ConfigLoader.forRepository(Path.of("..").toAbsolutePath().normalize())
            .load("dev").domain("payments");

    private final List<InputEvent> events = new ArrayList<>();

    private InputEvent transaction(String id, String time, String category, String country, long amount, boolean fraud, String status,
                                   String card) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("event_id", id);
        fields.put("event_time", millis(time));
        fields.put("card_id", card);
        fields.put("user_id", "u_1");
        fields.put("device_id", null);
        fields.put("merchant_id", "m_1");
        fields.put("merchant_category", category);
        fields.put("amount", amount);
        fields.put("currency", "USD");
        fields.put("country", country);
        fields.put("channel", "pos");
        fields.put("status", status);
        fields.put("is_fraud", fraud);
        fields.put("auth_code", null);
        InputEvent event = new InputEvent(id, millis(time), fields, 0, events.size());
        events.add(event);
        return event;
    }

    private static long millis(String time) {
        return Instant.parse("2026-03-02T" + time + "Z").toEpochMilli();
    }

    private static long seconds(String time) {
        return millis(time) / 1000;
    }

    /** Batches over partition 0 ending (exclusive) at the given offsets. */
    private static BatchLog batches(long... ends) {
        List<BatchLog.Batch> batches = new ArrayList<>();
        for (int i = 0; i < ends.length; i++) {
            batches.add(new BatchLog.Batch(i, 0, Map.of(0, ends[i])));
        }
        return new BatchLog(batches);
    }

    private static ExpectedAggregation oracle(String aggregation) {
        return new ExpectedAggregation(PAYMENTS, PAYMENTS.aggregations().get(aggregation));
    }

    @Test
    void tumblingWindowMeasuresPerGroup() {
        transaction("e1", "10:00:10", "grocery", "US", 1000, false, "approved", "c1");
        transaction("e2", "10:01:00", "grocery", "US", 3000, true, "declined", "c2");
        transaction("e3", "10:04:59.999", "grocery", "US", 2000, false, "approved", "c1");
        transaction("e4", "10:05:00", "grocery", "US", 7, false, "approved", "c1");
        transaction("e5", "10:02:00", "fuel", null, 500, false, "approved", "c3");

        ExpectedAggregation.Result result = oracle("merchant_fraud_5m").compute(events, batches(5));

        Map<String, ExpectedValue> first = result.rows().get(new ExpectedAggregation.RowKey(seconds("10:00:00"), seconds("10:05:00"), List.of("grocery", "US")));
        assertEquals(new ExpectedValue.Exact(3L), first.get("transactions"));
        assertEquals(new ExpectedValue.Exact(1L), first.get("fraud_transactions"));
        assertEquals(new ExpectedValue.Exact(1.0 / 3), first.get("fraud_ratio"));
        assertEquals(new ExpectedValue.Exact(6000L), first.get("amount_total"));
        assertEquals(new ExpectedValue.Exact(2000.0), first.get("amount_avg"));
        assertEquals(new ExpectedValue.Exact(1L), first.get("declined"));
        assertEquals(new ExpectedValue.Distinct(2, 0.02), first.get("unique_cards"));
        assertNull(first.get("amount_p99").mismatch("3000"));
        assertEquals(List.copyOf(PAYMENTS.aggregations().get("merchant_fraud_5m").measures().keySet()), List.copyOf(first.keySet()),
                "measures in config order");
        // A null dimension value is '' (ClickHouse keys are not nullable); the window end is exclusive.
        assertTrue(result.rows().containsKey(new ExpectedAggregation.RowKey(seconds("10:00:00"), seconds("10:05:00"), List.of("fuel", ""))));
        assertEquals(new ExpectedValue.Exact(1L), result.rows()
                .get(new ExpectedAggregation.RowKey(seconds("10:05:00"), seconds("10:10:00"), List.of("grocery", "US"))).get("transactions"));
        assertEquals(3, result.rows().size());
        assertEquals(5, result.aggregated());
    }

    @Test
    void theWatermarkFollowsTheBatchesAndEventsBehindItAreLateNotCounted() {
        transaction("a", "10:00:00", "grocery", "US", 1, false, "approved", "c1");
        transaction("b", "10:10:00", "grocery", "US", 1, false, "approved", "c1");
        transaction("c", "10:07:00", "grocery", "US", 1, false, "approved", "c1");   // batch 1: W(0) = 0, counted
        transaction("d", "10:08:00", "grocery", "US", 1, false, "approved", "c1");   // batch 2: W(1) = 10:08 -> late (de-duplicated: t <= W)

        ExpectedAggregation.Result result = oracle("merchant_fraud_5m").compute(events, batches(2, 3, 4));

        assertEquals(List.of(0L, millis("10:08:00"), millis("10:08:00")), result.watermarks());
        assertEquals(Map.of("d", new ExpectedAggregation.LateEvent("d", millis("10:08:00"), millis("10:08:00"), 2, false, 1,
                millis("10:05:00"), millis("10:05:00"))), result.late());
        assertEquals(3, result.aggregated());
        assertEquals(new ExpectedValue.Exact(1L), result.rows()
                .get(new ExpectedAggregation.RowKey(seconds("10:05:00"), seconds("10:10:00"), List.of("grocery", "US"))).get("transactions"));
        assertEquals(millis("10:10:00"), result.maxEventTimeMs());
    }

    @Test
    void withoutDeduplicationAnEventIsLateOnlyOnceItsWindowHasClosedAndAppendModeKeepsClosedWindowsOnly() {
        transaction("a", "10:00:10", "grocery", "US", 100, false, "approved", "c1");
        transaction("b", "10:02:00", "grocery", "US", 200, false, "approved", "c1");
        transaction("f", "10:05:00", "grocery", "US", 200, false, "declined", "c1");  // filtered out: does not move the watermark
        // batch 1 has no data (Spark runs it to apply the new watermark W(1) = 10:02:00 - 30 s = 10:01:30); batch 2
        // drops what is behind W(1)
        transaction("c", "10:01:10", "grocery", "US", 300, false, "approved", "c1");  // window ends 10:02 > 10:01:30: counted
        transaction("d", "10:00:50", "grocery", "US", 400, false, "approved", "c1");  // window ends 10:01 <= 10:01:30: late

        ExpectedAggregation.Result result = oracle("volume_by_currency_1m").compute(events, batches(3, 3, 5));

        assertEquals(List.of(0L, millis("10:01:30"), millis("10:01:30")), result.watermarks());
        assertEquals(List.of("d"), List.copyOf(result.late().keySet()));
        assertEquals(1, result.filteredOut());
        // Append: only [10:00, 10:01) has closed (end <= 10:01:30); [10:01, 10:02) and [10:02, 10:03) are still open.
        assertEquals(List.of(new ExpectedAggregation.RowKey(seconds("10:00:00"), seconds("10:01:00"), List.of("USD", "pos"))),
                List.copyOf(result.rows().keySet()));
        Map<String, ExpectedValue> row = result.rows().values().iterator().next();
        assertEquals(new ExpectedValue.Exact(1L), row.get("transactions"));
        assertEquals(new ExpectedValue.Exact(100L), row.get("amount_min"));
        assertEquals(new ExpectedValue.Exact(100L), row.get("amount_max"));
    }

    @Test
    void slidingWindowsHoldEachEventInSizeOverSlideWindows() {
        transaction("a", "10:00:30", "grocery", "US", 150, false, "approved", "c1");
        ExpectedAggregation oracle = oracle("card_velocity_10m");
        ExpectedAggregation.Result result = oracle.compute(events, batches(1));

        assertEquals(10, result.rows().size());
        assertEquals(millis("10:00:00"), oracle.windowStarts(millis("10:00:30")).get(0));
        assertEquals(millis("09:51:00"), oracle.windowStarts(millis("10:00:30")).get(9));
        assertEquals(List.of(millis("10:01:00"), millis("10:00:00"), millis("09:59:00"), millis("09:58:00"), millis("09:57:00"),
                millis("09:56:00"), millis("09:55:00"), millis("09:54:00"), millis("09:53:00"), millis("09:52:00")), oracle.windowStarts(millis("10:01:00")));
        result.rows().values().forEach(row -> {
            assertEquals(new ExpectedValue.Exact(1L), row.get("tiny_transactions"));
            assertEquals(new ExpectedValue.Exact(150L), row.get("max_amount"));
        });
    }

    @Test
    void conditionsOnNullFieldsFollowTheDocumentedRules() {
        Map<String, MeasureConfig> measures = new LinkedHashMap<>();
        measures.put("eq", where("eq", Operator.EQ, "d1", null));
        measures.put("ne", where("ne", Operator.NE, "d1", null));
        measures.put("in", where("in", Operator.IN, null, List.of("d1")));
        measures.put("not_in", where("not_in", Operator.NOT_IN, null, List.of("d1")));
        measures.put("is_null", where("is_null", Operator.IS_NULL, null, null));
        measures.put("first_device", new MeasureConfig("first_device", MeasureType.MIN, "device_id", List.of(), null, 0.02, null, null, null));
        AggregationConfig byDevice = new AggregationConfig("by_device", null, "transaction",
                PAYMENTS.aggregations().get("merchant_fraud_5m").window(), java.time.Duration.ofMinutes(1), List.of(), null, measures,
                AggregationConfig.OutputMode.UPDATE, null, null, false, AggregationConfig.StartingOffsets.EARLIEST, null, null);
        transaction("a", "10:00:00", "grocery", "US", 1, false, "approved", "c1").fields().put("device_id", "d1");
        transaction("b", "10:00:01", "grocery", "US", 1, false, "approved", "c1").fields().put("device_id", "d2");
        transaction("c", "10:00:02", "grocery", "US", 1, false, "approved", "c1");  // device_id null

        Map<String, ExpectedValue> row = new ExpectedAggregation(PAYMENTS, byDevice).compute(events, batches(3)).rows().values().iterator().next();

        assertEquals(new ExpectedValue.Exact(1L), row.get("eq"));
        assertEquals(new ExpectedValue.Exact(2L), row.get("ne"), "ne is true for null");
        assertEquals(new ExpectedValue.Exact(1L), row.get("in"));
        assertEquals(new ExpectedValue.Exact(2L), row.get("not_in"), "not_in is true for null");
        assertEquals(new ExpectedValue.Exact(1L), row.get("is_null"));
        assertEquals(new ExpectedValue.Exact("d1"), row.get("first_device"), "min skips nulls");
    }

    @Test
    void unreadEventsAndSessionWindowsAreRefused() {
        transaction("a", "10:00:00", "grocery", "US", 1, false, "approved", "c1");
        transaction("b", "10:00:01", "grocery", "US", 1, false, "approved", "c1");
        assertThrows(AssertionError.class, () -> oracle("merchant_fraud_5m").compute(events, batches(1)));
        assertThrows(IllegalArgumentException.class, () -> oracle("click_sessions"));
    }

    @Test
    void approximateMeasuresAreJudgedWithinTheirDocumentedError() {
        ExpectedValue.Distinct distinct = new ExpectedValue.Distinct(100, 0.02);
        assertNull(distinct.mismatch("109"));
        assertNull(distinct.mismatch("91"));
        assertTrue(distinct.mismatch("110") != null);

        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1;
        }
        ExpectedValue.Percentile median = new ExpectedValue.Percentile(values, 0.5, 10_000);
        assertNull(median.mismatch("50.0"));
        assertNull(median.mismatch("52"));
        assertTrue(median.mismatch("53") != null, "three ranks off");
        assertTrue(median.mismatch("50.5") != null, "not a value of the data");
        assertNull(new ExpectedValue.Percentile(new double[0], 0.5, 10_000).mismatch(ExpectedValue.NULL));

        assertNull(new ExpectedValue.Exact(1.0 / 3).mismatch("0.3333333333333333"));
        assertTrue(new ExpectedValue.Exact(1.0 / 3).mismatch("0.333333333333333") != null, "doubles must match to the last bit");
        assertNull(new ExpectedValue.Exact(null).mismatch(ExpectedValue.NULL));
        assertTrue(new ExpectedValue.Exact(0L).mismatch(ExpectedValue.NULL) != null);
        assertNull(new ExpectedValue.Close(10.0, 1e-9).mismatch("10.000000001"));
        assertTrue(new ExpectedValue.Close(10.0, 1e-9).mismatch("10.0001") != null);
    }

    private static MeasureConfig where(String name, Operator op, String value, List<String> values) {
        return new MeasureConfig(name, MeasureType.COUNT, null, List.of(new ConditionConfig("device_id", op, value, values)), null, 0.02,
                null, null, null);
    }
}
