package dev.sluice.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.metrics.KafkaOffsets;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One file of a checkpoint's offset log, {@code offsets/<batchId>}: the offsets batch {@code batchId} reads up to,
 * written by Spark when the batch is planned (before it runs). Spark's format, stable since 2.x:
 * <pre>
 * v1
 * {"batchWatermarkMs":0,"batchTimestampMs":1700000000000,"conf":{...}}
 * {"payments.transactions":{"0":123,"1":456}}      one line per source, in source order; "-" for none
 * </pre>
 *
 * @param sources each source's offset JSON as written ({@code null} for a source with no offset yet)
 */
public record OffsetLogEntry(long batchId, long batchWatermarkMs, Instant batchTimestamp, List<String> sources) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @throws IllegalArgumentException when the text is not an offset log file, naming what is wrong
     */
    public static OffsetLogEntry parse(long batchId, String text) {
        List<String> lines = CheckpointText.lines(text);
        CheckpointText.requireVersion(lines, "offsets/" + batchId);
        if (lines.size() < 2) {
            throw new IllegalArgumentException("offsets/" + batchId + " has no metadata line; the file is truncated"
                    + " (a crash while Spark wrote it) [bad data: Spark re-plans the batch on restart]");
        }
        JsonNode metadata;
        try {
            metadata = JSON.readTree(lines.get(1));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("offsets/" + batchId + ": metadata line is not JSON: " + e.getOriginalMessage() + " [bad data]");
        }
        List<String> sources = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            sources.add(line.equals("-") ? null : line);
        }
        return new OffsetLogEntry(batchId, metadata.path("batchWatermarkMs").asLong(0),
                Instant.ofEpochMilli(metadata.path("batchTimestampMs").asLong(0)), Collections.unmodifiableList(sources));
    }

    /** Offsets of every Kafka source of the batch, merged (Sluice queries have one); other sources are ignored. */
    public Map<TopicPartition, Long> kafkaOffsets() {
        Map<TopicPartition, Long> offsets = new TreeMap<>(KafkaOffsets.ORDER);
        for (String source : sources) {
            if (source != null && KafkaOffsets.isKafkaOffsets(source)) {
                offsets.putAll(KafkaOffsets.parse(source));
            }
        }
        return offsets;
    }

    /** The watermark the batch ran with, empty when no event has moved it yet. */
    public Optional<Instant> watermark() {
        return batchWatermarkMs > 0 ? Optional.of(Instant.ofEpochMilli(batchWatermarkMs)) : Optional.empty();
    }
}
