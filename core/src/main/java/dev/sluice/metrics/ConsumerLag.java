package dev.sluice.metrics;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.TreeMap;

/** Records a reader has not processed yet: a partition's latest offset minus the reader's next offset. */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Lag of every partition present in both maps. A partition without a processed offset is left out rather than
     * guessed: the reader has not planned it yet (a new partition) and where it will start is not known here.
     * A processed offset beyond the latest (latest read before a batch ended) counts as no lag, never negative.
     */
    public static Map<TopicPartition, Long> perPartition(Map<TopicPartition, Long> latest, Map<TopicPartition, Long> processed) {
        Map<TopicPartition, Long> lag = new TreeMap<>(KafkaOffsets.ORDER);
        latest.forEach((tp, end) -> {
            Long done = processed.get(tp);
            if (done != null) {
                lag.put(tp, Math.max(0, end - done));
            }
        });
        return lag;
    }

    /** Sums per topic, topics in name order. */
    public static Map<String, Long> perTopic(Map<TopicPartition, Long> lagByPartition) {
        Map<String, Long> byTopic = new TreeMap<>();
        lagByPartition.forEach((tp, lag) -> byTopic.merge(tp.topic(), lag, Long::sum));
        return byTopic;
    }

    public static long total(Map<TopicPartition, Long> lagByPartition) {
        return lagByPartition.values().stream().mapToLong(Long::longValue).sum();
    }
}
