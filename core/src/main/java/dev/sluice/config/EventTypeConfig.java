package dev.sluice.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One event type: its fields (which become an Avro record), its topic and how messages are keyed.
 * Every event also carries {@link #EVENT_ID} and {@link #EVENT_TIME}, added by Sluice, so they are not listed.
 */
public record EventTypeConfig(
        @Required @Doc("Event type name (the key under events); the Avro record name is its PascalCase form.") String name,
        @Doc("Documentation copied into the Avro schema.") String doc,
        @Required @Doc("Kafka topic the events are produced to.") String topic,
        @Required @Doc("Field whose value is the Kafka message key (the entity the topic is partitioned by).") String key,
        @Default("6") @Doc("Topic partitions.") int partitions,
        @Default("1") @Doc("Topic replication factor.") int replicationFactor,
        @Default("7 days") @Doc("Topic retention.ms.") Duration retention,
        @Default("delete") @Doc("Topic cleanup.policy: delete or compact.") CleanupPolicy cleanupPolicy,
        @Doc("Compatibility mode of this event's subject; defaults to registry.defaultCompatibility.") CompatibilityMode compatibility,
        @Required @Doc("Fields in schema order.") List<FieldConfig> fields) {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TIME = "event_time";

    public enum CleanupPolicy { DELETE, COMPACT }

    public Optional<FieldConfig> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Field names an aggregation may refer to: the configured ones plus event_id and event_time. */
    public List<String> referenceableFieldNames() {
        var names = new java.util.ArrayList<String>();
        names.add(EVENT_ID);
        names.add(EVENT_TIME);
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    /** Type of a referenceable field, including the built-in event_id (string) and event_time (timestamp). */
    public Optional<FieldType> fieldType(String fieldName) {
        if (EVENT_ID.equals(fieldName)) {
            return Optional.of(FieldType.STRING);
        }
        if (EVENT_TIME.equals(fieldName)) {
            return Optional.of(FieldType.TIMESTAMP);
        }
        return field(fieldName).map(FieldConfig::type);
    }
}
