package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.WindowConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AggregatedInputRuleTest {

    private static final WindowConfig SESSION = new WindowConfig(WindowConfig.WindowType.SESSION, null, null, Duration.ofMinutes(10));

    @Test
    void anUnconditionalCountTellsTheEventsConditionalOnesDoNot() {
        AggregationConfig conditionalOnly = StatusFixtures.aggregation("x", StatusFixtures.tumbling(), AggregationConfig.OutputMode.UPDATE,
                false, List.of(), StatusFixtures.countWhere("fraud", new ConditionConfig("is_fraud", ConditionConfig.Operator.EQ, "true", null)));

        assertEquals(Optional.empty(), AggregatedInputRule.of(conditionalOnly).countColumn());
        assertEquals(Optional.of("transactions"), AggregatedInputRule.of(StatusFixtures.tumblingCount("x", false)).countColumn());
    }

    @Test
    void sessionsCountOnlyInAppendMode() {
        AggregationConfig append = StatusFixtures.aggregation("s", SESSION, AggregationConfig.OutputMode.APPEND, false, List.of(),
                StatusFixtures.count("clicks"));
        AggregationConfig update = StatusFixtures.aggregation("s", SESSION, AggregationConfig.OutputMode.UPDATE, false, List.of(),
                StatusFixtures.count("clicks"));

        assertEquals(new AggregatedInputRule(Optional.of("clicks"), 1, "sum of 'clicks'"), AggregatedInputRule.of(append));
        assertEquals(Optional.empty(), AggregatedInputRule.of(update).countColumn());
    }
}
