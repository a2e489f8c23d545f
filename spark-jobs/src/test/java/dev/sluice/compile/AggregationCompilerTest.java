package dev.sluice.compile;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static dev.sluice.testing.Orders.at;
import static dev.sluice.testing.Orders.frame;
import static dev.sluice.testing.Orders.order;
import static dev.sluice.testing.Rows.format;
import static dev.sluice.testing.Rows.sorted;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch DataFrames through the compiler: exact rows for every window type and measure type. */
class AggregationCompilerTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final SparkSession spark = SparkTestSession.get();
    private final AggregationCompiler compiler = new AggregationCompiler();

    private static final List<Row> ORDERS = List.of(
            order("o1", "00:00:10", "u1", "US", "approved", 500, 1, 0.5, false),
            order("o2", "00:00:20", "u2", "US", "approved", 1500, 2, 0.25, true),
            order("o3", "00:00:59", "u1", "US", "declined", 1000, 1, 0.75, false),
            order("o4", "00:00:30", "u3", null, "approved", 200, 3, 0.5, false),
            order("o5", "00:01:00", "u1", "US", "approved", 700, 1, 1.0, false));

    private CompiledAggregation compile(AggregationConfig aggregation) {
        return compiler.compile(domain(aggregation), aggregation);
    }

    @Test
    void tumblingWindowComputesEveryMeasureTypeWithConditionsAndRatios() {
        AggregationConfig aggregation = aggregation("all_measures", tumbling(MINUTE), Duration.ofSeconds(30), List.of("country"), List.of(),
                measures(
                        measure("orders", MeasureType.COUNT, null),
                        measure("fraud", MeasureType.COUNT, null, condition("is_fraud", Operator.EQ, "true")),
                        measure("big_orders", MeasureType.COUNT, null, condition("amount", Operator.GE, "1000")),
                        measure("revenue", MeasureType.SUM, "amount"),
                        measure("big_revenue", MeasureType.SUM, "amount", condition("amount", Operator.GE, "1000")),
                        measure("units", MeasureType.SUM, "quantity"),
                        measure("score_sum", MeasureType.SUM, "score"),
                        measure("avg_amount", MeasureType.AVG, "amount"),
                        measure("min_amount", MeasureType.MIN, "amount"),
                        measure("max_amount", MeasureType.MAX, "amount"),
                        measure("max_user", MeasureType.MAX, "user_id"),
                        measure("users", MeasureType.APPROX_DISTINCT, "user_id"),
                        percentile("p50_amount", "amount", 0.5),
                        ratio("fraud_ratio", "fraud", "orders"),
                        ratio("fraud_per_big", "fraud", "big_orders")),
                OutputMode.UPDATE, false);

        Dataset<Row> result = compile(aggregation).apply(frame(spark, ORDERS));

        assertEquals(sorted(
                        "00:00:00|00:01:00||1|0|0|200|0|3|0.5|200.0|200|200|u3|1|200.0|0.0|null",
                        "00:00:00|00:01:00|US|3|1|2|3000|2500|4|1.5|1000.0|500|1500|u2|2|1000.0|0.3333333333333333|0.5",
                        "00:01:00|00:02:00|US|1|0|0|700|0|1|1.0|700.0|700|700|u1|1|700.0|0.0|null"),
                format(result.collectAsList()));
    }

    @Test
    void outputColumnsFollowTheContractInOrderNameAndType() {
        AggregationConfig aggregation = aggregation("typed", tumbling(MINUTE), Duration.ofSeconds(30), List.of("country", "status"), List.of(),
                measures(
                        measure("orders", MeasureType.COUNT, null),
                        measure("units", MeasureType.SUM, "quantity"),
                        measure("revenue", MeasureType.SUM, "amount"),
                        measure("score_sum", MeasureType.SUM, "score"),
                        measure("avg_amount", MeasureType.AVG, "amount"),
                        measure("min_units", MeasureType.MIN, "quantity"),
                        measure("max_score", MeasureType.MAX, "score"),
                        measure("first_order", MeasureType.MIN, "event_time"),
                        measure("users", MeasureType.APPROX_DISTINCT, "user_id"),
                        percentile("p90_units", "quantity", 0.9),
                        ratio("units_per_order", "units", "orders")),
                OutputMode.UPDATE, false);
        CompiledAggregation compiled = compile(aggregation);

        Dataset<Row> result = compiled.apply(frame(spark, ORDERS));

        List<String> actual = Arrays.stream(result.schema().fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
        assertEquals(List.of("window_start:timestamp", "window_end:timestamp", "country:string", "status:string", "orders:bigint",
                "units:bigint", "revenue:bigint", "score_sum:double", "avg_amount:double", "min_units:int", "max_score:double",
                "first_order:timestamp", "users:bigint", "p90_units:double", "units_per_order:double"), actual);
        List<String> declared = Arrays.stream(compiled.outputSchema().fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
        assertEquals(actual, declared, "outputSchema() must describe what apply() produces");
        StructField orders = compiled.outputSchema().apply("orders");
        assertEquals(DataTypes.LongType, orders.dataType());
        // a required field always has a value in an existing group; a ratio's denominator can be 0
        assertFalse(compiled.outputSchema().apply("avg_amount").nullable());
        assertTrue(compiled.outputSchema().apply("units_per_order").nullable());
    }

    @Test
    void slidingWindowCountsEachEventInEveryWindowThatCoversIt() {
        AggregationConfig aggregation = aggregation("sliding", sliding(Duration.ofMinutes(2), MINUTE), Duration.ofSeconds(30), List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, false);
        List<Row> orders = List.of(
                order("a", "00:00:30", "u1", "US", "approved", 1, 1, 0, false),
                order("b", "00:01:30", "u1", "US", "approved", 10, 1, 0, false),
                order("c", "00:02:30", "u1", "US", "approved", 100, 1, 0, false));

        assertEquals(sorted(
                        "00:00:00|00:02:00|2|11",
                        "00:01:00|00:03:00|2|110",
                        "00:02:00|00:04:00|1|100",
                        "23:59:00|00:01:00|1|1"),
                format(compile(aggregation).apply(frame(spark, orders)).collectAsList()));
    }

    /**
     * What replay does with the streaming job's late events: each is left out of exactly the windows that had ended by
     * the watermark it was behind. The events and watermarks of StreamingJobTest's partly-late case give its rows.
     */
    @Test
    void leavingLateEventsOutOfTheWindowsTheyMissedReproducesTheStreamingRows() {
        AggregationConfig aggregation = aggregation("sliding", sliding(Duration.ofMinutes(2), MINUTE), Duration.ofSeconds(30), List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, false);
        List<Row> orders = List.of(
                order("a", "00:00:10", "u1", "US", "approved", 1, 1, 0, false),
                order("m1", "00:03:29.999", "u1", "US", "approved", 2, 1, 0, false),
                order("p0", "00:02:00", "u1", "US", "approved", 10, 1, 0, false),
                order("w0", "00:01:59.999", "u1", "US", "approved", 100, 1, 0, false),
                order("m2", "00:03:30", "u1", "US", "approved", 4, 1, 0, false),
                order("p1", "00:02:00", "u1", "US", "approved", 1000, 1, 0, false),
                order("w1", "00:01:59.999", "u1", "US", "approved", 10000, 1, 0, false));
        // The late records: event id and the watermark each was behind, joined on as replay joins them.
        Dataset<Row> late = spark.createDataFrame(List.of(RowFactory.create("w0", at("00:02:59.999")), RowFactory.create("p1", at("00:03:00")),
                RowFactory.create("w1", at("00:03:00"))), new StructType().add("event_id", DataTypes.StringType).add("_late_watermark", DataTypes.TimestampType));
        Dataset<Row> withWatermarks = frame(spark, orders).join(late, JavaConverters.asScalaBuffer(List.of("event_id")).toSeq(), "left_outer");
        CompiledAggregation compiled = compile(aggregation);

        assertEquals(sorted(
                        "23:59:00|00:01:00|1|1",
                        "00:00:00|00:02:00|1|1",
                        "00:01:00|00:03:00|2|110",
                        "00:02:00|00:04:00|4|1016",
                        "00:03:00|00:05:00|2|6"),
                format(compiled.aggregateLeavingOut(compiled.select(withWatermarks), "_late_watermark").collectAsList()));
        // --include-late: every event in all its windows, the missed ones included.
        assertEquals(sorted(
                        "23:59:00|00:01:00|1|1",
                        "00:00:00|00:02:00|3|10101",
                        "00:01:00|00:03:00|4|11110",
                        "00:02:00|00:04:00|4|1016",
                        "00:03:00|00:05:00|2|6"),
                format(compiled.apply(frame(spark, orders)).collectAsList()));
    }

    @Test
    void sessionWindowsCloseAfterTheGapPerGroup() {
        AggregationConfig aggregation = aggregation("visits", session(Duration.ofMinutes(5)), MINUTE, List.of("user"), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("last_amount", MeasureType.MAX, "amount")), OutputMode.APPEND, false);
        List<Row> orders = List.of(
                order("a", "00:00:00", "u1", "US", "approved", 1, 1, 0, false),
                order("b", "00:03:00", "u1", "US", "approved", 2, 1, 0, false),
                order("c", "00:10:00", "u1", "US", "approved", 3, 1, 0, false),
                order("d", "00:01:00", "u2", "US", "approved", 4, 1, 0, false));

        assertEquals(sorted(
                        "00:00:00|00:08:00|u1|2|2",
                        "00:01:00|00:06:00|u2|1|4",
                        "00:10:00|00:15:00|u1|1|3"),
                format(compile(aggregation).apply(frame(spark, orders)).collectAsList()));
    }

    @Test
    void filterKeepsOnlyMatchingEventsWithValuesConvertedToTheFieldType() {
        AggregationConfig aggregation = aggregation("approved_big", tumbling(Duration.ofMinutes(5)), MINUTE, List.of("status"),
                List.of(condition("status", Operator.EQ, "approved"), condition("amount", Operator.GT, "400")),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, false);

        assertEquals(sorted("00:00:00|00:05:00|approved|3|2700"),
                format(compile(aggregation).apply(frame(spark, ORDERS)).collectAsList()));
    }

    @Test
    void deduplicateCountsARepeatedEventIdOnce() {
        List<Row> withRetries = new java.util.ArrayList<>(ORDERS);
        withRetries.add(order("o1", "00:00:10", "u1", "US", "approved", 500, 1, 0.5, false));
        withRetries.add(order("o2", "00:00:20", "u2", "US", "approved", 1500, 2, 0.25, true));
        AggregationConfig deduplicated = aggregation("dedup", tumbling(MINUTE), MINUTE, List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, true);
        AggregationConfig counted = aggregation("no_dedup", tumbling(MINUTE), MINUTE, List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, false);

        assertEquals(sorted("00:00:00|00:01:00|4|3200", "00:01:00|00:02:00|1|700"),
                format(compile(deduplicated).apply(frame(spark, withRetries)).collectAsList()));
        assertEquals(sorted("00:00:00|00:01:00|6|5200", "00:01:00|00:02:00|1|700"),
                format(compile(counted).apply(frame(spark, withRetries)).collectAsList()));
    }

    @Test
    void nullDimensionValuesGroupUnderTheEmptyString() {
        AggregationConfig aggregation = aggregation("by_country", tumbling(Duration.ofHours(1)), MINUTE, List.of("country"), List.of(),
                measures(measure("orders", MeasureType.COUNT, null)), OutputMode.UPDATE, false);

        assertEquals(sorted("00:00:00|01:00:00||1", "00:00:00|01:00:00|US|4"),
                format(compile(aggregation).apply(frame(spark, ORDERS)).collectAsList()));
    }

    @Test
    void badConfigIsReportedWithTheAggregationAndAFix() {
        AggregationConfig unknownField = aggregation("broken", tumbling(MINUTE), MINUTE, List.of(), List.of(),
                measures(measure("total", MeasureType.SUM, "amout")), OutputMode.UPDATE, false);
        CompileException e = assertThrows(CompileException.class, () -> compile(unknownField));
        assertTrue(e.getMessage().contains("aggregation 'broken'") && e.getMessage().contains("'amout'")
                && e.getMessage().contains("fix:"), e.getMessage());

        AggregationConfig badRatio = aggregation("broken_ratio", tumbling(MINUTE), MINUTE, List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), ratio("r", "orders", "missing")), OutputMode.UPDATE, false);
        assertThrows(CompileException.class, () -> compile(badRatio));
    }
}
