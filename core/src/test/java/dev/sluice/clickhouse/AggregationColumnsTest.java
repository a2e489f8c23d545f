package dev.sluice.clickhouse;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AggregationColumnsTest {

    private static final DomainConfig PAYMENTS = ShippedConfig.domain("payments");
    private static final DomainConfig ECOMMERCE = ShippedConfig.domain("ecommerce");

    private static String signature(OutputColumn c) {
        return c.name() + ":" + c.type() + (c.nullable() ? "?" : "");
    }

    @Test
    void merchantFraudColumnsInOrderWithTypes() {
        AggregationColumns columns = AggregationColumns.of(PAYMENTS, PAYMENTS.aggregations().get("merchant_fraud_5m"));
        assertEquals("payments_merchant_fraud_5m", columns.table());
        assertEquals(List.of("window_start:TIMESTAMP", "window_end:TIMESTAMP", "merchant_category:STRING", "country:STRING",
                "transactions:UINT64", "fraud_transactions:UINT64", "fraud_ratio:FLOAT64?", "amount_total:INT64",
                "amount_avg:FLOAT64", "amount_p99:FLOAT64", "declined:UINT64", "unique_cards:UINT64",
                "_version:UINT64", "_query:STRING", "_written_at:TIMESTAMP"),
                columns.columns().stream().map(AggregationColumnsTest::signature).toList());
        assertEquals(List.of("merchant_category", "country", "window_start", "window_end"), columns.identity());
        // the body Spark sends: everything but the server-filled _written_at
        assertEquals(14, columns.insertColumnNames().size());
        assertFalse(columns.insertColumnNames().contains(AggregationColumns.WRITTEN_AT));
        assertEquals("bigint", columns.column("transactions").type().sparkType());
        assertEquals("double", columns.column("fraud_ratio").type().sparkType());
        assertEquals("timestamp", columns.column("window_start").type().sparkType());
    }

    @Test
    void revenueMinOfMoneyIsInt64AndConditionalMeasuresSayWhere() {
        AggregationColumns columns = AggregationColumns.of(ECOMMERCE, ECOMMERCE.aggregations().get("revenue_5m"));
        assertEquals(LogicalType.INT64, columns.column("min_order").type());
        assertEquals(LogicalType.INT64, columns.column("revenue").type());
        assertEquals(LogicalType.FLOAT64, columns.column("avg_order_value").type());
        assertEquals(LogicalType.FLOAT64, columns.column("p90_order_value").type());
        assertTrue(columns.column("coupon_share").nullable());
        assertEquals("Number of events where coupon_code is not null.", columns.column("coupon_orders").comment());
        assertEquals("Revenue in cents. (sum of total)", columns.column("revenue").comment());
        assertEquals("Approximate 90th percentile of total.", columns.column("p90_order_value").comment());
        assertEquals("Start of the 5 minutes tumbling window (inclusive), UTC.", columns.column("window_start").comment());
    }

    @Test
    void slidingAndSessionWindowsAreDescribedAndSessionsKeyedByStart() {
        AggregationColumns velocity = AggregationColumns.of(PAYMENTS, PAYMENTS.aggregations().get("card_velocity_10m"));
        assertEquals("Start of the 10 minutes window sliding every 1 minute (inclusive), UTC.", velocity.column("window_start").comment());
        assertEquals(List.of("card", "window_start", "window_end"), velocity.identity());
        assertFalse(velocity.column("card").lowCardinality(), "card ids are entity ids");

        AggregationColumns sessions = AggregationColumns.of(PAYMENTS, PAYMENTS.aggregations().get("click_sessions"));
        assertEquals(List.of("user", "window_start"), sessions.identity());
        assertEquals("Card holder. From field user_id.", sessions.column("user").comment());
    }

    @Test
    void extremesAndAveragesOfOptionalOrConditionalValuesAreNullable() {
        AggregationConfig base = ECOMMERCE.aggregations().get("revenue_5m");
        Map<String, MeasureConfig> measures = new LinkedHashMap<>(base.measures());
        measures.put("max_items_with_coupon", new MeasureConfig("max_items_with_coupon", MeasureConfig.MeasureType.MAX, "item_count",
                List.of(new dev.sluice.config.ConditionConfig("coupon_code", dev.sluice.config.ConditionConfig.Operator.NOT_NULL, null, List.of())),
                null, 0.02, null, null, null));
        measures.put("last_coupon", ConfigEdits.measure("last_coupon", MeasureConfig.MeasureType.MAX, "coupon_code", null));
        measures.put("latest_event", ConfigEdits.measure("latest_event", MeasureConfig.MeasureType.MAX, "event_time", null));
        AggregationColumns columns = AggregationColumns.of(ECOMMERCE, ConfigEdits.withMeasures(base, measures));
        assertEquals("max_items_with_coupon:INT64?", signature(columns.column("max_items_with_coupon")));
        assertEquals("last_coupon:STRING?", signature(columns.column("last_coupon")), "coupon_code is optional");
        assertEquals("latest_event:TIMESTAMP", signature(columns.column("latest_event")));
        assertEquals("min_order:INT64", signature(columns.column("min_order")), "total is required and unconditional");
    }

    @Test
    void optionalDimensionIsANonNullStringDocumentedAsEmptyWhenMissing() {
        Map<String, DimensionConfig> dimensions = new LinkedHashMap<>(ECOMMERCE.dimensions());
        dimensions.put("referrer", new DimensionConfig("referrer", null, "Traffic source."));
        DomainConfig domain = new DomainConfig(ECOMMERCE.name(), ECOMMERCE.description(), ECOMMERCE.entities(), ECOMMERCE.events(),
                dimensions, ECOMMERCE.aggregations(), ECOMMERCE.generator());
        AggregationConfig byReferrer = ConfigEdits.withGroupBy(ECOMMERCE.aggregations().get("page_views_per_minute"), List.of("referrer"));
        OutputColumn referrer = AggregationColumns.of(domain, byReferrer).column("referrer");
        assertEquals("referrer:STRING", signature(referrer));
        assertEquals("Traffic source. Empty string when the event has no value.", referrer.comment());
        assertTrue(referrer.lowCardinality());
    }

    @Test
    void configuredTableNameWins() {
        AggregationConfig renamed = ConfigEdits.withTable(PAYMENTS.aggregations().get("device_risk_5m"), "risk_v2");
        assertEquals("risk_v2", AggregationColumns.of(PAYMENTS, renamed).table());
    }

    @Test
    void minOfABooleanIsRefusedAsBadConfig() {
        AggregationConfig bad = ConfigEdits.addMeasure(PAYMENTS.aggregations().get("merchant_fraud_5m"),
                ConfigEdits.measure("any_fraud", MeasureConfig.MeasureType.MAX, "is_fraud", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregationColumns.of(PAYMENTS, bad));
        assertEquals("measure 'any_fraud' of aggregation 'merchant_fraud_5m' takes the max of boolean field 'is_fraud'; "
                + "use a count with where instead [bad config]", e.getMessage());
    }
}
