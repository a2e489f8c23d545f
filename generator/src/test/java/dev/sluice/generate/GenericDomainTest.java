package dev.sluice.generate;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EntityConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldGeneratorConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.GeneratorConfig;
import dev.sluice.generate.encode.EventEncoder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A domain nobody wrote Java for: no hints, no sessions. It must just work with sensible values. */
class GenericDomainTest {

    // What the loader binds a field without generate: and a domain without generator: to.
    private static final FieldGeneratorConfig NO_HINTS = ConfigDefaults.of(FieldGeneratorConfig.class);
    private static final GeneratorConfig NO_GENERATOR_SETTINGS = ConfigDefaults.of(GeneratorConfig.class);

    private static FieldConfig field(String name, FieldType type) {
        return new FieldConfig(name, type, null, false, List.of(), null, null, NO_HINTS);
    }

    private static EventTypeConfig event(String name, String key, FieldConfig... fields) {
        return new EventTypeConfig(name, null, "iot." + name, key, 3, 1, Duration.ofDays(1), EventTypeConfig.CleanupPolicy.DELETE,
                CompatibilityMode.BACKWARD, List.of(fields));
    }

    static DomainConfig iot(GeneratorConfig generator) {
        Map<String, EntityConfig> entities = new LinkedHashMap<>();
        entities.put("sensor", new EntityConfig("sensor", null, null, 500));
        Map<String, EventTypeConfig> events = new LinkedHashMap<>();
        events.put("reading", event("reading", "sensor_id",
                new FieldConfig("sensor_id", FieldType.STRING, null, false, List.of(), "sensor", null, NO_HINTS),
                field("batch_id", FieldType.STRING),
                field("label", FieldType.STRING),
                field("count", FieldType.INT),
                field("total_bytes", FieldType.LONG),
                field("temperature", FieldType.DOUBLE),
                field("healthy", FieldType.BOOLEAN),
                field("price", FieldType.MONEY),
                field("calibrated_at", FieldType.TIMESTAMP),
                new FieldConfig("mode", FieldType.ENUM, null, false, List.of("idle", "active", "fault"), null, null, NO_HINTS),
                new FieldConfig("note", FieldType.STRING, null, true, List.of(), null, null, NO_HINTS)));
        events.put("alarm", event("alarm", "sensor_id",
                new FieldConfig("sensor_id", FieldType.STRING, null, false, List.of(), "sensor", null, NO_HINTS),
                new FieldConfig("level", FieldType.INT, null, false, List.of(), null, null,
                        new FieldGeneratorConfig(List.of(), List.of(), 1.0, 5.0, null, null, null, null, Map.of(), null))));
        return new DomainConfig("iot", null, entities, events, Map.of(), Map.of(), generator);
    }

    @Test
    void fieldsWithoutHintsGetSensibleValues() {
        List<GeneratedEvent> events = Domains.generate(iot(NO_GENERATOR_SETTINGS), Domains.options(1, 20_000));
        Map<String, List<GeneratedEvent>> byType = events.stream().collect(Collectors.groupingBy(GeneratedEvent::eventType));
        assertEquals(Set.of("reading", "alarm"), byType.keySet(), "without sessions every event type is produced");
        assertEquals(0.5, byType.get("reading").size() / 20_000.0, 0.03, "uniform over event types");
        for (GeneratedEvent e : byType.get("reading")) {
            assertTrue(((String) e.value("sensor_id")).matches("sensor_\\d{6}"), "entity ids from the pool: " + e.value("sensor_id"));
            assertTrue(((String) e.value("batch_id")).matches("batch_[0-9a-f]{12}"), "*_id strings are ids");
            assertTrue(((String) e.value("label")).matches("[a-z]+"), "other strings are short words");
            int count = (Integer) e.value("count");
            assertTrue(count >= 0 && count <= 100);
            assertTrue((Long) e.value("total_bytes") >= 0 && (Long) e.value("total_bytes") <= 10_000);
            double temperature = (Double) e.value("temperature");
            assertTrue(temperature >= 0 && temperature < 1);
            assertNotNull(e.value("healthy"));
            assertTrue((Long) e.value("price") >= 1, "money is positive cents");
            long calibrated = (Long) e.value("calibrated_at");
            assertTrue(calibrated <= e.eventTime() && calibrated > e.eventTime() - 8L * 86_400_000, "timestamps shortly before the event");
            assertTrue(Set.of("idle", "active", "fault").contains(e.value("mode")));
            assertEquals(e.value("sensor_id"), e.key());
        }
        long healthy = byType.get("reading").stream().filter(e -> (Boolean) e.value("healthy")).count();
        assertEquals(0.5, healthy / (double) byType.get("reading").size(), 0.03, "booleans 50/50");
        long nulls = byType.get("reading").stream().filter(e -> e.value("note") == null).count();
        assertEquals(0.1, nulls / (double) byType.get("reading").size(), 0.02, "optional fields are sometimes null");
        byType.get("alarm").forEach(e -> assertTrue((Integer) e.value("level") >= 1 && (Integer) e.value("level") <= 5));
        // And it encodes with the schema generated from the config.
        GeneratorPlan plan = GeneratorPlan.compile(iot(NO_GENERATOR_SETTINGS));
        EventEncoder encoder = Encoding.encoder(Encoding.schemas(plan, null), Domains.options(1, 10));
        events.forEach(encoder::encode);
    }

    @Test
    void sessionsAndBackgroundEventsMix() {
        GeneratorConfig generator = new GeneratorConfig(
                new GeneratorConfig.SessionConfig("sensor", List.of(new GeneratorConfig.FunnelStepConfig("reading", 1.0, 3, 3)), Duration.ofSeconds(5)),
                ConfigDefaults.of(GeneratorConfig.FraudConfig.class), Map.of("alarm", 0.5));
        List<GeneratedEvent> events = Domains.generate(iot(generator), Domains.options(2, 30_000));
        long alarms = events.stream().filter(e -> e.eventType().equals("alarm")).count();
        // Per arrival: a session (weight 1, 3 readings) or an alarm (weight 0.5): alarms are 0.5 / 3.5 of events.
        assertEquals(0.5 / 3.5, alarms / 30_000.0, 0.015);
        assertTrue(events.stream().filter(e -> e.eventType().equals("alarm")).allMatch(e -> e.session() == -1));
    }

    @Test
    void badHintsAreReportedTogether() {
        Map<String, EventTypeConfig> events = new LinkedHashMap<>();
        events.put("thing", event("thing", "missing_key",
                new FieldConfig("amount", FieldType.MONEY, null, false, List.of(), null, null,
                        new FieldGeneratorConfig(List.of(), List.of(), null, null, "lognormal", null, null, "nope", Map.of("a", 5.0), null)),
                new FieldConfig("size", FieldType.INT, null, false, List.of(), null, null,
                        new FieldGeneratorConfig(List.of("1", "two"), List.of(1.0, 2.0), null, null, null, null, null, null, Map.of(), null)),
                new FieldConfig("owner", FieldType.STRING, null, false, List.of(), "ghost", null, NO_HINTS)));
        DomainConfig domain = new DomainConfig("broken", null, Map.of(), events, Map.of(), Map.of(),
                new GeneratorConfig(null, new GeneratorConfig.FraudConfig(0.1, "thing", "is_fraud", List.of("burst")), Map.of()));
        GeneratorConfigException e = assertThrows(GeneratorConfigException.class, () -> GeneratorPlan.compile(domain));
        String message = e.getMessage();
        for (String expected : List.of("dependsOn 'nope'", "'two' is not a int", "unknown entity 'ghost'", "'missing_key' is not a field",
                "'is_fraud' is not a field of thing", "burst needs a card-like entity field")) {
            assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
        }
        assertTrue(message.startsWith("bad config"), message);
    }
}
