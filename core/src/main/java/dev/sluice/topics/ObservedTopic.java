package dev.sluice.topics;

import java.util.Map;

/** A topic as the cluster has it; replicationFactor is the smallest replica count over its partitions. */
public record ObservedTopic(String name, int partitions, int replicationFactor, Map<String, String> configs) {

    public ObservedTopic {
        configs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configs));
    }
}
