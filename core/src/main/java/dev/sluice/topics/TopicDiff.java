package dev.sluice.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Compares a configured topic with the one on the cluster. Pure: no Kafka needed, so every rule is unit-tested. */
public final class TopicDiff {

    private TopicDiff() {
    }

    public static List<TopicDrift> compare(TopicSpec spec, ObservedTopic observed) {
        List<TopicDrift> drifts = new ArrayList<>();
        String topic = spec.name();
        if (observed.partitions() < spec.partitions()) {
            drifts.add(new TopicDrift(TopicDrift.Kind.FEWER_PARTITIONS, topic, "partitions", Integer.toString(spec.partitions()),
                    Integer.toString(observed.partitions()), true, true,
                    "not used with less parallelism than planned; '--fix' adds partitions, but that changes the key -> partition mapping"
                            + " (one key's events before and after the change are in different partitions, so their relative order is lost)"));
        } else if (observed.partitions() > spec.partitions()) {
            drifts.add(new TopicDrift(TopicDrift.Kind.MORE_PARTITIONS, topic, "partitions", Integer.toString(spec.partitions()),
                    Integer.toString(observed.partitions()), false, false,
                    "left as is (Kafka cannot remove partitions); raise 'partitions' in the config to match"));
        }
        if (observed.replicationFactor() != spec.replicationFactor()) {
            boolean weaker = observed.replicationFactor() < spec.replicationFactor();
            drifts.add(new TopicDrift(TopicDrift.Kind.REPLICATION_FACTOR, topic, "replication factor", Short.toString(spec.replicationFactor()),
                    Integer.toString(observed.replicationFactor()), weaker, false,
                    (weaker ? "fewer copies than configured; " : "")
                            + "changing it needs a partition reassignment (kafka-reassign-partitions), which 'topics apply' does not do"));
        }
        for (Map.Entry<String, String> wanted : spec.configs().entrySet()) {
            String actual = observed.configs().get(wanted.getKey());
            if (!wanted.getValue().equals(actual)) {
                drifts.add(new TopicDrift(TopicDrift.Kind.CONFIG, topic, wanted.getKey(), wanted.getValue(), actual == null ? "unset" : actual,
                        true, true, "'--fix' sets it"));
            }
        }
        return drifts;
    }
}
