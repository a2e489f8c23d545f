package dev.sluice.cli.status;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * The offsets a topic's partitions hold right now: {@code earliest} is the first offset still retained,
 * {@code latest} the next offset to be written. Their difference is what was produced and is still in Kafka.
 */
public record TopicOffsets(String topic, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest) {

    public TopicOffsets {
        earliest = Map.copyOf(earliest);
        latest = Map.copyOf(latest);
    }

    /** Records in the topic: sum over partitions of latest minus earliest. */
    public long retained() {
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
            sum += e.getValue() - earliest.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
