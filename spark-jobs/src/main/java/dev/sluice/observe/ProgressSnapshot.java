package dev.sluice.observe;

import dev.sluice.metrics.ConsumerLag;
import dev.sluice.metrics.QueryId;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What one Spark progress report says about one micro-batch, in plain types.
 *
 * @param batchStarted      when the trigger fired (Spark's progress timestamp)
 * @param batchDuration     Spark's {@code durationMs.triggerExecution}, empty when not reported
 * @param watermark         event-time watermark, empty when the query has none or no event has set it yet
 * @param stateRows         rows in all state stores of the query
 * @param stateMemoryBytes  memory of all state stores
 * @param endOffsets        Kafka offsets the batch processed up to, over all Kafka sources
 * @param latestOffsets     Kafka offsets available when the batch was planned
 */
public record ProgressSnapshot(QueryId query, long batchId, Instant batchStarted, long inputRows, double inputRowsPerSecond,
                               double processedRowsPerSecond, Optional<Duration> batchDuration, Optional<Instant> watermark,
                               long stateRows, long stateMemoryBytes, Map<TopicPartition, Long> endOffsets,
                               Map<TopicPartition, Long> latestOffsets) {

    public ProgressSnapshot {
        endOffsets = Map.copyOf(endOffsets);
        latestOffsets = Map.copyOf(latestOffsets);
    }

    /** Records per partition the query had not processed when the batch ended. */
    public Map<TopicPartition, Long> kafkaLag() {
        return ConsumerLag.perPartition(latestOffsets, endOffsets);
    }

    /** True when the source reported its latest offsets, so lag is known (Spark's Kafka source does). */
    public boolean lagKnown() {
        return !latestOffsets.isEmpty();
    }
}
