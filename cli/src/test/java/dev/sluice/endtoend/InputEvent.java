package dev.sluice.endtoend;

import java.util.Map;

/**
 * A valid event as the expectation sees it: its id, event time, field values by name (String for strings and enum
 * symbols, Integer, Long, Double, Boolean or null) and where it sits in Kafka.
 */
record InputEvent(String eventId, long eventTimeMs, Map<String, Object> fields, int partition, long offset) {

    Object field(String name) {
        if (!fields.containsKey(name)) {
            throw new IllegalArgumentException("event " + eventId + " has no field '" + name + "'; it has " + fields.keySet());
        }
        return fields.get(name);
    }
}
