package dev.sluice.online;

import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.FeatureFlagConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeatureFlagsTest {

    private static boolean test(Operator op, String value, Number measure) {
        return FeatureFlags.test(new FeatureFlagConfig("f", "m", op, value, List.of()), measure);
    }

    private static boolean testIn(Operator op, Number measure, String... values) {
        return FeatureFlags.test(new FeatureFlagConfig("f", "m", op, null, List.of(values)), measure);
    }

    @Test
    void comparesTheMeasureWithTheValue() {
        assertEquals(List.of(true, true, false), List.of(test(Operator.GE, "5", 5L), test(Operator.GE, "5", 6L), test(Operator.GE, "5", 4L)));
        assertEquals(List.of(false, true), List.of(test(Operator.GT, "5", 5L), test(Operator.GT, "4.5", 5L)));
        assertEquals(List.of(true, false), List.of(test(Operator.LT, "0.1", 0.05), test(Operator.LE, "0.1", 0.2)));
        assertEquals(List.of(true, false), List.of(test(Operator.EQ, " 3 ", 3L), test(Operator.NE, "3", 3.0)));
        assertEquals(List.of(true, false), List.of(testIn(Operator.IN, 2L, "1", "2"), testIn(Operator.NOT_IN, 2L, "1", "2")));
    }

    @Test
    void aNullMeasureIsOnlyNull() {
        assertEquals(List.of(false, false, true, false),
                List.of(test(Operator.GE, "0", null), test(Operator.NE, "1", null), test(Operator.IS_NULL, null, null), test(Operator.NOT_NULL, null, null)));
        assertEquals(List.of(false, true), List.of(test(Operator.IS_NULL, null, 0L), test(Operator.NOT_NULL, null, 0L)));
    }
}
