package dev.sluice.checkpoint;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AggregationDefinitionTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final SluiceConfig CONFIG = ConfigLoader.forRepository(REPO).allowingMissingSecrets().load("dev");
    private static final DomainConfig PAYMENTS = CONFIG.domain("payments");

    private static AggregationConfig fraud() {
        return PAYMENTS.aggregations().get("merchant_fraud_5m");
    }

    private static AggregationDefinition definition(AggregationConfig aggregation) {
        return AggregationDefinition.of(PAYMENTS, aggregation, "payments_" + aggregation.name());
    }

    private static AggregationConfig with(AggregationConfig a, Duration watermark, Duration trigger, Map<String, MeasureConfig> measures,
                                          String description) {
        return new AggregationConfig(a.name(), description, a.event(), a.window(), watermark, a.groupBy(), a.filter(), measures,
                a.outputMode(), a.table(), trigger, a.deduplicate(), a.startingOffsets(), a.maxOffsetsPerTrigger(), a.online());
    }

    @Test
    void describesWhatTheRowsMeanLineByLine() {
        assertEquals(List.of(
                "event: transaction from topic payments.transactions",
                "window: tumbling size PT5M",
                "group by: merchant_category = merchant_category:enum",
                "group by: country = country:string",
                "deduplicate: true",
                "output mode: update",
                "table: payments_merchant_fraud_5m",
                "measure transactions: count",
                "measure fraud_transactions: count where is_fraud:boolean eq 'true'",
                "measure fraud_ratio: ratio fraud_transactions / transactions",
                "measure amount_total: sum of amount:money",
                "measure amount_avg: avg of amount:money",
                "measure amount_p99: approx_percentile of amount:money at 0.99",
                "measure declined: count where status:enum eq 'declined'",
                "measure unique_cards: approx_distinct of card_id:string within 0.02"), definition(fraud()).lines());
    }

    @Test
    void watermarkTriggerAndDescriptionMayChangeTheMeaningMayNot() {
        AggregationConfig fraud = fraud();
        AggregationDefinition recorded = definition(fraud);
        assertEquals(recorded, definition(with(fraud, Duration.ofMinutes(7), Duration.ofSeconds(1), fraud.measures(), "new words")));

        Map<String, MeasureConfig> fewer = new LinkedHashMap<>(fraud.measures());
        MeasureConfig declined = fewer.get("declined");
        fewer.put("declined", new MeasureConfig("declined", MeasureConfig.MeasureType.COUNT, null,
                List.of(new dev.sluice.config.ConditionConfig("status", dev.sluice.config.ConditionConfig.Operator.EQ, "reversed", null)),
                null, declined.relativeError(), null, null, null));
        AggregationDefinition changed = definition(with(fraud, fraud.watermark(), fraud.trigger(), fewer, fraud.description()));

        assertNotEquals(recorded, changed);
        assertEquals(List.of("- measure declined: count where status:enum eq 'declined'", "+ measure declined: count where status:enum eq 'reversed'"),
                changed.changesSince(recorded));
    }

    @Test
    void theFileTextParsesBackToTheSameDefinition() {
        AggregationDefinition recorded = definition(PAYMENTS.aggregations().get("card_velocity_10m"));
        assertEquals(recorded, AggregationDefinition.parse(recorded.toFileText()));
        assertEquals(16, recorded.fingerprint().length());
    }
}
