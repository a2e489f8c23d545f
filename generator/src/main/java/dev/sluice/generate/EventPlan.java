package dev.sluice.generate;

import dev.sluice.config.EventTypeConfig;

import java.util.List;

/** An event type compiled for the generator: its fields in generation order and where the key comes from. */
public final class EventPlan {
    final int index;
    final EventTypeConfig config;
    final FieldPlan[] fields;
    /** Field positions in the order they are drawn: a dependsOn field before the fields depending on it. */
    final int[] order;
    final int keyField;
    final int labelField;

    EventPlan(int index, EventTypeConfig config, FieldPlan[] fields, int[] order, int keyField, int labelField) {
        this.index = index;
        this.config = config;
        this.fields = fields;
        this.order = order;
        this.keyField = keyField;
        this.labelField = labelField;
    }

    /** Position of this event type in the domain (YAML order). */
    public int index() {
        return index;
    }

    public String name() {
        return config.name();
    }

    public String topic() {
        return config.topic();
    }

    public EventTypeConfig config() {
        return config;
    }

    /** Configured field names in schema order (without event_id and event_time). */
    public List<String> fieldNames() {
        return config.fields().stream().map(f -> f.name()).toList();
    }

    /** Position of a configured field, or -1. */
    public int fieldIndex(String name) {
        for (FieldPlan field : fields) {
            if (field.name.equals(name)) {
                return field.index;
            }
        }
        return -1;
    }

    FieldPlan field(String name) {
        int i = fieldIndex(name);
        return i < 0 ? null : fields[i];
    }
}
