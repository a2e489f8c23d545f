package dev.sluice.clickhouse;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of shipped config records with one thing changed, as an operator would edit the YAML. */
public final class ConfigEdits {

    private ConfigEdits() {
    }

    public static MeasureConfig measure(String name, MeasureConfig.MeasureType type, String field, String doc) {
        return new MeasureConfig(name, type, field, List.of(), null, 0.02, null, null, doc);
    }

    public static AggregationConfig withMeasures(AggregationConfig a, Map<String, MeasureConfig> measures) {
        return new AggregationConfig(a.name(), a.description(), a.event(), a.window(), a.watermark(), a.groupBy(), a.filter(),
                measures, a.outputMode(), a.table(), a.trigger(), a.deduplicate(), a.startingOffsets(), a.maxOffsetsPerTrigger(), a.online());
    }

    public static AggregationConfig addMeasure(AggregationConfig a, MeasureConfig measure) {
        Map<String, MeasureConfig> measures = new LinkedHashMap<>(a.measures());
        measures.put(measure.name(), measure);
        return withMeasures(a, measures);
    }

    public static AggregationConfig withGroupBy(AggregationConfig a, List<String> groupBy) {
        return new AggregationConfig(a.name(), a.description(), a.event(), a.window(), a.watermark(), groupBy, a.filter(),
                a.measures(), a.outputMode(), a.table(), a.trigger(), a.deduplicate(), a.startingOffsets(), a.maxOffsetsPerTrigger(), a.online());
    }

    public static AggregationConfig withWindow(AggregationConfig a, WindowConfig window) {
        return new AggregationConfig(a.name(), a.description(), a.event(), window, a.watermark(), a.groupBy(), a.filter(),
                a.measures(), a.outputMode(), a.table(), a.trigger(), a.deduplicate(), a.startingOffsets(), a.maxOffsetsPerTrigger(), a.online());
    }

    public static AggregationConfig withTable(AggregationConfig a, String table) {
        return new AggregationConfig(a.name(), a.description(), a.event(), a.window(), a.watermark(), a.groupBy(), a.filter(),
                a.measures(), a.outputMode(), table, a.trigger(), a.deduplicate(), a.startingOffsets(), a.maxOffsetsPerTrigger(), a.online());
    }

    /** The domain with one aggregation replaced (same key). */
    public static DomainConfig withAggregation(DomainConfig d, AggregationConfig aggregation) {
        Map<String, AggregationConfig> aggregations = new LinkedHashMap<>(d.aggregations());
        aggregations.put(aggregation.name(), aggregation);
        return new DomainConfig(d.name(), d.description(), d.entities(), d.events(), d.dimensions(), aggregations, d.generator());
    }

    /** The domain with only the named aggregations. */
    public static DomainConfig onlyAggregations(DomainConfig d, String... names) {
        Map<String, AggregationConfig> aggregations = new LinkedHashMap<>();
        for (String name : names) {
            aggregations.put(name, d.aggregations().get(name));
        }
        return new DomainConfig(d.name(), d.description(), d.entities(), d.events(), d.dimensions(), aggregations, d.generator());
    }
}
