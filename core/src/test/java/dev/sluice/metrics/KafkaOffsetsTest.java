package dev.sluice.metrics;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaOffsetsTest {

    @Test
    void readsSparkKafkaOffsetJsonOrderedByTopicAndPartitionNumber() {
        Map<TopicPartition, Long> offsets = KafkaOffsets.parse(
                "{\"payments.transactions\":{\"10\":7,\"2\":456,\"0\":123},\"payments.clicks\":{\"0\":9}}");

        assertEquals(List.of(new TopicPartition("payments.clicks", 0), new TopicPartition("payments.transactions", 0),
                new TopicPartition("payments.transactions", 2), new TopicPartition("payments.transactions", 10)),
                List.copyOf(offsets.keySet()));
        assertEquals(456L, offsets.get(new TopicPartition("payments.transactions", 2)));
        assertEquals(9L, offsets.get(new TopicPartition("payments.clicks", 0)));
    }

    @Test
    void nullOrBlankMeansNoOffsets() {
        assertTrue(KafkaOffsets.parse(null).isEmpty());
        assertTrue(KafkaOffsets.parse("  ").isEmpty());
    }

    @Test
    void otherSourcesOffsetsAreRejectedWithTheTextQuoted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KafkaOffsets.parse("42"));
        assertEquals("not Kafka source offsets: it is not a JSON object: 42 (expected {\"topic\":{\"0\":123}})"
                + " [bug: Sluice reads only Kafka sources' offsets]", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> KafkaOffsets.parse("{\"t\":{\"x\":1}}"));
        assertTrue(e.getMessage().contains("partition 'x' of topic 't' is not a number"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> KafkaOffsets.parse("{\"t\":{\"0\":\"late\"}}"));
        assertTrue(e.getMessage().contains("offset of t-0 is not an integer"), e.getMessage());

        assertFalse(KafkaOffsets.isKafkaOffsets("{\"logOffset\":3}"));
        assertTrue(KafkaOffsets.isKafkaOffsets("{\"t\":{\"0\":1}}"));
    }
}
