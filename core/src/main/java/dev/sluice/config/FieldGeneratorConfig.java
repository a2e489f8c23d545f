package dev.sluice.config;

import java.util.List;
import java.util.Map;

/** How the generator fills one field. Leave it out and the generator picks a sensible value from the type. */
public record FieldGeneratorConfig(
        @Doc("Values to draw from (strings, enum symbols, numbers written as text).") List<String> values,
        @Doc("Relative weights of values, same length as values.") List<Double> weights,
        @Doc("Numbers: smallest value.") Double min,
        @Doc("Numbers: largest value.") Double max,
        @Doc("Numbers: uniform | lognormal | normal.") String distribution,
        @Doc("lognormal/normal: median (lognormal) or mean (normal), in the field's unit (cents for money).") Double median,
        @Doc("lognormal: sigma of the underlying normal; normal: standard deviation.") Double spread,
        @Doc("Per-value overrides keyed by another field's value, e.g. amounts by merchant_category.") String dependsOn,
        @Doc("When dependsOn is set: median per value of that field.") Map<String, Double> medianBy,
        @Doc("Probability that an optional field is null.") Double nullRate) {
}
