package dev.sluice.checkpoint;

import dev.sluice.metrics.KafkaOffsets;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Where a query's Kafka source started: {@code sources/<n>/0} of the checkpoint, written once when the query first
 * ran. Spark writes a zero byte first (kept for Spark 2.1 compatibility, SPARK-19517), then {@code v1} and the
 * offsets JSON on the next line.
 */
public final class KafkaInitialOffsets {

    private KafkaInitialOffsets() {
    }

    public static Map<TopicPartition, Long> parse(byte[] file) {
        int start = file.length > 0 && file[0] == 0 ? 1 : 0;
        List<String> lines = CheckpointText.lines(new String(file, start, file.length - start, StandardCharsets.UTF_8));
        CheckpointText.requireVersion(lines, "sources/0/0");
        if (lines.size() < 2) {
            throw new IllegalArgumentException("sources/0/0 has no offsets line; the file is truncated [bad data]");
        }
        return KafkaOffsets.parse(lines.get(1));
    }
}
