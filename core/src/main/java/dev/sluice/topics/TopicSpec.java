package dev.sluice.topics;

import dev.sluice.config.EventTypeConfig;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The topic an event type is configured to have (after the environment overlay). */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public static final String RETENTION_MS = "retention.ms";
    public static final String CLEANUP_POLICY = "cleanup.policy";

    public TopicSpec {
        configs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configs));
    }

    public static TopicSpec of(EventTypeConfig event) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(RETENTION_MS, Long.toString(event.retention().toMillis()));
        configs.put(CLEANUP_POLICY, event.cleanupPolicy().name().toLowerCase(Locale.ROOT));
        return new TopicSpec(event.topic(), event.partitions(), (short) event.replicationFactor(), configs);
    }
}
