package dev.sluice.online;

import dev.sluice.config.FeatureFlagConfig;

/**
 * Evaluates a derived flag ({@code online.flags}) on the measure's value in the entity's newest window. The validator
 * has checked that the measure is numeric and the values are numbers; null (e.g. a ratio over zero) only satisfies
 * is_null.
 */
public final class FeatureFlags {

    private FeatureFlags() {
    }

    public static boolean test(FeatureFlagConfig flag, Number measure) {
        return switch (flag.op()) {
            case IS_NULL -> measure == null;
            case NOT_NULL -> measure != null;
            default -> measure != null && compare(flag, measure.doubleValue());
        };
    }

    private static boolean compare(FeatureFlagConfig flag, double value) {
        return switch (flag.op()) {
            case EQ -> Double.compare(value, number(flag.value())) == 0;
            case NE -> Double.compare(value, number(flag.value())) != 0;
            case GT -> value > number(flag.value());
            case GE -> value >= number(flag.value());
            case LT -> value < number(flag.value());
            case LE -> value <= number(flag.value());
            case IN -> flag.values().stream().anyMatch(v -> Double.compare(value, number(v)) == 0);
            case NOT_IN -> flag.values().stream().noneMatch(v -> Double.compare(value, number(v)) == 0);
            default -> throw new IllegalStateException("bug: operator " + flag.op());
        };
    }

    private static double number(String text) {
        return Double.parseDouble(text.trim());
    }
}
