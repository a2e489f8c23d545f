package dev.sluice.cli.status;

import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a query's checkpoint says about it.
 *
 * @param location          the checkpoint directory
 * @param exists            false when the query never ran with this checkpoint
 * @param lastCommitted     id of the last batch Spark finished (commits/), empty before the first
 * @param committedAt       when that commit file was written
 * @param watermark         the watermark after the last committed batch
 * @param processedOffsets  Kafka offsets the last committed batch read up to (offsets/&lt;lastCommitted&gt;)
 * @param initialOffsets    where the query's Kafka source started (sources/0/0), empty when unknown
 * @param plannedBatch      a batch planned (offsets written) but not committed: running now, or interrupted
 * @param lastWrite         the newest write among the offset and commit logs
 */
public record CheckpointState(String location, boolean exists, Optional<Long> lastCommitted, Optional<Instant> committedAt,
                              Optional<Instant> watermark, Map<TopicPartition, Long> processedOffsets,
                              Map<TopicPartition, Long> initialOffsets, Optional<Long> plannedBatch, Optional<Instant> lastWrite) {

    public CheckpointState {
        processedOffsets = Map.copyOf(processedOffsets);
        initialOffsets = Map.copyOf(initialOffsets);
    }

    public static CheckpointState missing(String location) {
        return new CheckpointState(location, false, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of(),
                Optional.empty(), Optional.empty());
    }
}
