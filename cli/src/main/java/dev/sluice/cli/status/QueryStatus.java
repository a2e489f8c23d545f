package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.metrics.ConsumerLag;
import dev.sluice.metrics.QueryId;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything status gathered about one query.
 *
 * @param topicOffsets offsets of the topic the query reads, empty when Kafka could not tell
 * @param counts       ClickHouse counts, unknown values empty
 */
public record QueryStatus(QueryId id, AggregationConfig aggregation, String topic, QueryState state, CheckpointState checkpoint,
                          Optional<TopicOffsets> topicOffsets, AggregationCounts counts) {

    /**
     * Records of the topic the query has not processed: latest minus the last committed batch's offsets; a partition the
     * checkpoint does not have yet counts from where the query started on it (or the earliest offset).
     */
    public Optional<Long> lag() {
        if (topicOffsets.isEmpty() || !checkpoint.exists()) {
            return Optional.empty();
        }
        Map<TopicPartition, Long> from = new HashMap<>(topicOffsets.get().earliest());
        from.putAll(checkpoint.initialOffsets());
        from.putAll(checkpoint.processedOffsets());
        return Optional.of(ConsumerLag.total(ConsumerLag.perPartition(topicOffsets.get().latest(), from)));
    }
}
