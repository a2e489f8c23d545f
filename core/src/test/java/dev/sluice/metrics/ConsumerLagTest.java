package dev.sluice.metrics;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsumerLagTest {

    @Test
    void lagIsLatestMinusProcessedPerPartitionAndSumsPerTopic() {
        Map<TopicPartition, Long> latest = KafkaOffsets.parse("{\"a\":{\"0\":100,\"1\":50,\"2\":10},\"b\":{\"0\":7}}");
        Map<TopicPartition, Long> processed = KafkaOffsets.parse("{\"a\":{\"0\":90,\"1\":50,\"2\":12},\"b\":{\"0\":0}}");

        Map<TopicPartition, Long> lag = ConsumerLag.perPartition(latest, processed);

        assertEquals(10L, lag.get(new TopicPartition("a", 0)));
        assertEquals(0L, lag.get(new TopicPartition("a", 1)));
        assertEquals(0L, lag.get(new TopicPartition("a", 2)), "processed beyond a stale latest is no lag, not negative");
        assertEquals(Map.of("a", 10L, "b", 7L), ConsumerLag.perTopic(lag));
        assertEquals(17L, ConsumerLag.total(lag));
    }

    @Test
    void partitionsTheReaderHasNotPlannedAreLeftOut() {
        Map<TopicPartition, Long> lag = ConsumerLag.perPartition(
                KafkaOffsets.parse("{\"a\":{\"0\":5,\"1\":5}}"), KafkaOffsets.parse("{\"a\":{\"0\":1}}"));

        assertEquals(Map.of(new TopicPartition("a", 0), 4L), lag);
    }
}
