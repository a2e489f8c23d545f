package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldGeneratorConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.GeneratorConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds config records directly, so schema tests do not depend on the YAML loader; keys a test leaves out are what the
 * loader would make of them (empty lists, sections at their defaults).
 */
public final class TestEvents {

    private static final FieldGeneratorConfig NO_HINTS = ConfigDefaults.of(FieldGeneratorConfig.class);

    private TestEvents() {
    }

    public static FieldConfig field(String name, FieldType type) {
        return new FieldConfig(name, type, null, false, List.of(), null, null, NO_HINTS);
    }

    public static FieldConfig field(String name, FieldType type, String doc) {
        return new FieldConfig(name, type, doc, false, List.of(), null, null, NO_HINTS);
    }

    public static FieldConfig optional(String name, FieldType type, String doc) {
        return new FieldConfig(name, type, doc, true, List.of(), null, null, NO_HINTS);
    }

    public static FieldConfig money(String name, String doc, String currency) {
        return new FieldConfig(name, FieldType.MONEY, doc, false, List.of(), null, currency, NO_HINTS);
    }

    public static FieldConfig enumField(String name, String doc, String... symbols) {
        return new FieldConfig(name, FieldType.ENUM, doc, false, List.of(symbols), null, null, NO_HINTS);
    }

    public static EventTypeConfig event(String name, String doc, String topic, CompatibilityMode mode, FieldConfig... fields) {
        return new EventTypeConfig(name, doc, topic, fields[0].name(), 6, 1, Duration.ofDays(7),
                EventTypeConfig.CleanupPolicy.DELETE, mode, List.of(fields));
    }

    public static DomainConfig domain(String name, EventTypeConfig... events) {
        Map<String, EventTypeConfig> byName = new LinkedHashMap<>();
        for (EventTypeConfig e : events) {
            byName.put(e.name(), e);
        }
        return new DomainConfig(name, null, Map.of(), byName, Map.of(), Map.of(), ConfigDefaults.of(GeneratorConfig.class));
    }

    /** A payments-like transaction with one field of every type. */
    public static EventTypeConfig transaction() {
        return event("transaction", "A card authorisation request.", "payments.transactions", CompatibilityMode.BACKWARD,
                field("card_id", FieldType.STRING, "Tokenised card number."),
                optional("device_id", FieldType.STRING, "Device used."),
                money("amount", "Authorised amount.", null),
                money("fee", null, "USD"),
                field("installments", FieldType.INT),
                field("dwell_ms", FieldType.LONG),
                field("risk_score", FieldType.DOUBLE),
                field("is_fraud", FieldType.BOOLEAN, "Ground truth."),
                optional("settled_at", FieldType.TIMESTAMP, null),
                enumField("status", "Outcome.", "approved", "declined"));
    }
}
