package dev.sluice.config;

import java.util.List;

public record MeasureConfig(
        @Required @Doc("Measure name (the key under measures); the ClickHouse column name.") String name,
        @Required @Doc("count | sum | avg | min | max | distinct | approx_distinct | approx_percentile | ratio. distinct is exact and cheap for the "
                + "small sets of one window or visit (products seen in a session); approx_distinct keeps a fixed-size sketch for large ones.") MeasureType type,
        @Doc("Field measured (not for count or ratio).") String field,
        @Doc("Conditional measure: only events matching all these conditions contribute, e.g. count where is_fraud = true.")
        List<ConditionConfig> where,
        @Doc("approx_percentile: the percentile in (0, 1), e.g. 0.95.") Double percentile,
        @Doc("approx_distinct: maximum relative standard deviation of the estimate.") @Default("0.02") double relativeError,
        @Doc("ratio: measure divided (numerator).") String numerator,
        @Doc("ratio: measure dividing (denominator); a zero denominator gives null.") String denominator,
        @Doc("What the measure means, for SQL users.") String doc) {

    public enum MeasureType {
        COUNT, SUM, AVG, MIN, MAX, DISTINCT, APPROX_DISTINCT, APPROX_PERCENTILE, RATIO;

        public boolean needsField() {
            return this != COUNT && this != RATIO;
        }
    }
}
