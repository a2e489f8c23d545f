package dev.sluice.testing;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldGeneratorConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.GeneratorConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.WindowConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small "shop" domain built in code for compiler and job tests: one event type {@code order} with a field of
 * every type, and dimensions over some of them. Keys left out are what the loader would make of them (empty lists,
 * sections at their defaults).
 */
public final class TestConfigs {

    public static final String TOPIC = "shop.orders";

    private TestConfigs() {
    }

    public static FieldConfig field(String name, FieldType type, boolean optional, String... symbols) {
        return new FieldConfig(name, type, null, optional, List.of(symbols), null, null, ConfigDefaults.of(FieldGeneratorConfig.class));
    }

    public static EventTypeConfig orderEvent() {
        return orderEvent(TOPIC);
    }

    public static EventTypeConfig orderEvent(String topic) {
        return new EventTypeConfig("order", "An order.", topic, "user_id", 1, 1, Duration.ofDays(1),
                EventTypeConfig.CleanupPolicy.DELETE, null, List.of(
                        field("user_id", FieldType.STRING, false),
                        field("country", FieldType.STRING, true),
                        field("status", FieldType.ENUM, false, "approved", "declined"),
                        field("amount", FieldType.MONEY, false),
                        field("quantity", FieldType.INT, false),
                        field("score", FieldType.DOUBLE, false),
                        field("is_fraud", FieldType.BOOLEAN, false)));
    }

    public static DomainConfig domain(AggregationConfig... aggregations) {
        return domain(TOPIC, aggregations);
    }

    public static DomainConfig domain(String topic, AggregationConfig... aggregations) {
        Map<String, EventTypeConfig> events = new LinkedHashMap<>();
        events.put("order", orderEvent(topic));
        Map<String, DimensionConfig> dimensions = new LinkedHashMap<>();
        dimensions.put("country", new DimensionConfig("country", null, null));
        dimensions.put("status", new DimensionConfig("status", null, null));
        dimensions.put("user", new DimensionConfig("user", "user_id", null));
        Map<String, AggregationConfig> byName = new LinkedHashMap<>();
        for (AggregationConfig aggregation : aggregations) {
            byName.put(aggregation.name(), aggregation);
        }
        return new DomainConfig("shop", "Test shop.", Map.of(), events, dimensions, byName, ConfigDefaults.of(GeneratorConfig.class));
    }

    public static WindowConfig tumbling(Duration size) {
        return new WindowConfig(WindowConfig.WindowType.TUMBLING, size, null, null);
    }

    public static WindowConfig sliding(Duration size, Duration slide) {
        return new WindowConfig(WindowConfig.WindowType.SLIDING, size, slide, null);
    }

    public static WindowConfig session(Duration gap) {
        return new WindowConfig(WindowConfig.WindowType.SESSION, null, null, gap);
    }

    public static ConditionConfig condition(String field, ConditionConfig.Operator op, String value) {
        return new ConditionConfig(field, op, value, List.of());
    }

    public static ConditionConfig conditionIn(String field, ConditionConfig.Operator op, String... values) {
        return new ConditionConfig(field, op, null, List.of(values));
    }

    public static MeasureConfig measure(String name, MeasureType type, String field, ConditionConfig... where) {
        return new MeasureConfig(name, type, field, List.of(where), null, 0.02, null, null, null);
    }

    public static MeasureConfig percentile(String name, String field, double p) {
        return new MeasureConfig(name, MeasureType.APPROX_PERCENTILE, field, List.of(), p, 0.02, null, null, null);
    }

    public static MeasureConfig ratio(String name, String numerator, String denominator) {
        return new MeasureConfig(name, MeasureType.RATIO, null, List.of(), null, 0.02, numerator, denominator, null);
    }

    public static Map<String, MeasureConfig> measures(MeasureConfig... measures) {
        Map<String, MeasureConfig> byName = new LinkedHashMap<>();
        for (MeasureConfig measure : measures) {
            byName.put(measure.name(), measure);
        }
        return byName;
    }

    public static AggregationConfig aggregation(String name, WindowConfig window, Duration watermark, List<String> groupBy,
                                                List<ConditionConfig> filter, Map<String, MeasureConfig> measures,
                                                AggregationConfig.OutputMode mode, boolean deduplicate) {
        return new AggregationConfig(name, null, "order", window, watermark, groupBy, filter, measures, mode, null, null,
                deduplicate, AggregationConfig.StartingOffsets.EARLIEST, null, null);
    }
}
