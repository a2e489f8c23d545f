package dev.sluice.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.TopicPartition;

import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Offsets per topic-partition in the JSON form Spark's Kafka source uses everywhere: in progress reports
 * ({@code startOffset}, {@code endOffset}, {@code latestOffset}) and in the checkpoint's offset log, e.g.
 * {@code {"payments.transactions":{"0":123,"1":456}}}.
 */
public final class KafkaOffsets {

    /** Orders by topic, then partition number: readable output and stable metric updates. */
    public static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private static final ObjectMapper JSON = new ObjectMapper();

    private KafkaOffsets() {
    }

    /**
     * @return offsets by partition, ordered by {@link #ORDER}; empty for null or blank text
     * @throws IllegalArgumentException when the text is not an object of topics holding objects of partition numbers
     *                                  to offsets (e.g. a non-Kafka source's offset); the message quotes the text
     */
    public static Map<TopicPartition, Long> parse(String json) {
        if (json == null || json.isBlank()) {
            return Collections.emptyMap();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw notKafka(json, "it is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw notKafka(json, "it is not a JSON object");
        }
        Map<TopicPartition, Long> offsets = new TreeMap<>(ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
            Map.Entry<String, JsonNode> topic = topics.next();
            if (!topic.getValue().isObject()) {
                throw notKafka(json, "topic '" + topic.getKey() + "' does not map to an object of partitions");
            }
            for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields(); partitions.hasNext(); ) {
                Map.Entry<String, JsonNode> partition = partitions.next();
                int number;
                try {
                    number = Integer.parseInt(partition.getKey());
                } catch (NumberFormatException e) {
                    throw notKafka(json, "partition '" + partition.getKey() + "' of topic '" + topic.getKey() + "' is not a number");
                }
                if (!partition.getValue().canConvertToLong()) {
                    throw notKafka(json, "offset of " + topic.getKey() + "-" + number + " is not an integer");
                }
                offsets.put(new TopicPartition(topic.getKey(), number), partition.getValue().asLong());
            }
        }
        return offsets;
    }

    /** Whether {@code json} looks like a Kafka source's offsets (so other sources' offsets can be skipped, not failed on). */
    public static boolean isKafkaOffsets(String json) {
        try {
            parse(json);
            return json != null && !json.isBlank();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static IllegalArgumentException notKafka(String json, String problem) {
        String shown = json.length() > 200 ? json.substring(0, 200) + "..." : json;
        return new IllegalArgumentException("not Kafka source offsets: " + problem + ": " + shown
                + " (expected {\"topic\":{\"0\":123}}) [bug: Sluice reads only Kafka sources' offsets]");
    }
}
