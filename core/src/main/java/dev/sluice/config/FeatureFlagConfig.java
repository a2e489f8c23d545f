package dev.sluice.config;

import dev.sluice.config.ConditionConfig.Operator;

import java.util.List;

/**
 * A derived boolean feature: true when the entity's newest window's measure meets the condition. Measures are numbers
 * (counts, sums, averages, ratios...), so values are numbers; a null measure (e.g. a ratio over zero) is false unless
 * the condition is is_null.
 */
public record FeatureFlagConfig(
        @Required @Doc("Feature name (the key under flags); the field name in the Redis hash.") String name,
        @Required @Doc("Measure of this aggregation the condition tests.") String measure,
        @Default("eq") @Doc("eq | ne | gt | ge | lt | le | in | not_in | is_null | not_null") Operator op,
        @Doc("Comparison value for eq, ne, gt, ge, lt, le.") String value,
        @Doc("Values for in and not_in.") List<String> values) {
}
