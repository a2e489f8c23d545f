package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds config records directly, so schema tests do not depend on the YAML loader. */
public final class TestEvents {

    private TestEvents() {
    }

    public static FieldConfig field(String name, FieldType type) {
        return new FieldConfig(name, type, null, false, null, null, null, null);
    }

    public static FieldConfig field(String name, FieldType type, String doc) {
        return new FieldConfig(name, type, doc, false, null, null, null, null);
    }

    public static FieldConfig optional(String name, FieldType type, String doc) {
        return new FieldConfig(name, type, doc, true, null, null, null, null);
    }

    public static FieldConfig money(String name, String doc, String currency) {
        return new FieldConfig(name, FieldType.MONEY, doc, false, null, null, currency, null);
    }

    public static FieldConfig enumField(String name, String doc, String... symbols) {
        return new FieldConfig(name, FieldType.ENUM, doc, false, List.of(symbols), null, null, null);
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
        return new DomainConfig(name, null, Map.of(), byName, Map.of(), Map.of(), null);
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
