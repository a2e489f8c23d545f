package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;
import dev.sluice.metrics.KafkaOffsets;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configs, checkpoints and counts for status tests. */
final class StatusFixtures {

    static final Instant NOW = Instant.parse("2025-03-01T10:15:12Z");

    private StatusFixtures() {
    }

    static AggregationConfig aggregation(String name, WindowConfig window, AggregationConfig.OutputMode mode, boolean deduplicate,
                                         List<ConditionConfig> filter, MeasureConfig... measures) {
        Map<String, MeasureConfig> byName = new LinkedHashMap<>();
        for (MeasureConfig m : measures) {
            byName.put(m.name(), m);
        }
        return new AggregationConfig(name, null, "transaction", window, Duration.ofMinutes(1), List.of(), filter, byName, mode, null,
                null, deduplicate, AggregationConfig.StartingOffsets.LATEST, null, null);
    }

    static AggregationConfig tumblingCount(String name, boolean deduplicate) {
        return aggregation(name, tumbling(), AggregationConfig.OutputMode.UPDATE, deduplicate, List.of(), count("transactions"));
    }

    static WindowConfig tumbling() {
        return new WindowConfig(WindowConfig.WindowType.TUMBLING, Duration.ofMinutes(5), null, null);
    }

    static MeasureConfig count(String name) {
        return new MeasureConfig(name, MeasureConfig.MeasureType.COUNT, null, List.of(), null, 0.02, null, null, null);
    }

    static MeasureConfig countWhere(String name, ConditionConfig condition) {
        return new MeasureConfig(name, MeasureConfig.MeasureType.COUNT, null, List.of(condition), null, 0.02, null, null, null);
    }

    static Map<TopicPartition, Long> offsets(String json) {
        return KafkaOffsets.parse(json);
    }

    static CheckpointState checkpoint(long batch, String processed, String initial, Instant committedAt, Optional<Instant> watermark) {
        return new CheckpointState("/cp/payments/x", true, Optional.of(batch), Optional.of(committedAt), watermark, offsets(processed),
                offsets(initial), Optional.empty(), Optional.of(committedAt));
    }

    static AggregationCounts counts(long rows, long aggregated, long late, Map<String, Long> deadLetters) {
        return new AggregationCounts(Optional.of(rows), Optional.of(aggregated), "sum of 'transactions'", Optional.of(late), Optional.of(0L),
                Optional.of(deadLetters));
    }
}
