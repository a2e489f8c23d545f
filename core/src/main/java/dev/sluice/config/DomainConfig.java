package dev.sluice.config;

import java.util.Map;

/** One {@code config/domains/<name>.yaml}: a business domain's events, dimensions and aggregations. */
public record DomainConfig(
        @Required @Doc("Domain name; also the Avro namespace suffix and the ClickHouse table prefix.") String name,
        @Doc("What this domain is about.") String description,
        @Doc("Entities whose ids events carry (user, card, device...); the generator keeps one pool per entity so ids match across streams.")
        Map<String, EntityConfig> entities,
        @Required @Doc("Event types, one Kafka topic and one Avro record each.") Map<String, EventTypeConfig> events,
        @Doc("Named dimensions aggregations may group by.") Map<String, DimensionConfig> dimensions,
        @Doc("Aggregations compiled into streaming queries, one ClickHouse table each.") Map<String, AggregationConfig> aggregations,
        @Doc("How the synthetic event generator behaves for this domain.") GeneratorConfig generator,
        @Doc("Example queries over this domain's views, run by bin/sluice demo.") Map<String, ReportConfig> reports) {

    /** A domain without example reports (tests and programmatic domains). */
    public DomainConfig(String name, String description, Map<String, EntityConfig> entities, Map<String, EventTypeConfig> events,
                        Map<String, DimensionConfig> dimensions, Map<String, AggregationConfig> aggregations, GeneratorConfig generator) {
        this(name, description, entities, events, dimensions, aggregations, generator, Map.of());
    }

    /** The Avro namespace of this domain's event records. */
    public String avroNamespace() {
        return "dev.sluice.events." + name;
    }

    public EventTypeConfig event(String eventName) {
        EventTypeConfig event = events.get(eventName);
        if (event == null) {
            throw new IllegalArgumentException("domain '" + name + "' has no event type '" + eventName + "'; it has " + events.keySet());
        }
        return event;
    }
}
