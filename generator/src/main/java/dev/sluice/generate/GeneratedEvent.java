package dev.sluice.generate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of the stream, before encoding: what it is, its key, event time and field values, and how the
 * generator meant it (session, fraud pattern, late delivery, malformed encoding). Tests iterate these to compute the
 * aggregates they expect downstream without Kafka.
 *
 * <p>Values are by position of the event type's configured fields ({@link EventPlan#fieldNames()}): String for
 * strings and enum symbols, Integer, Long (long, money in cents, timestamp millis), Double, Boolean, or null.
 */
public final class GeneratedEvent {

    private final EventPlan plan;
    private final String eventId;
    private final long eventTime;
    private final Object[] values;
    private final long session;
    private final int step;
    private final FraudPattern fraudPattern;
    private final long lateByMillis;
    private final MalformedKind malformed;

    GeneratedEvent(EventPlan plan, String eventId, long eventTime, Object[] values, long session, int step,
                   FraudPattern fraudPattern, long lateByMillis, MalformedKind malformed) {
        this.plan = plan;
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.values = values;
        this.session = session;
        this.step = step;
        this.fraudPattern = fraudPattern;
        this.lateByMillis = lateByMillis;
        this.malformed = malformed;
    }

    GeneratedEvent delayed(long delayMillis) {
        return new GeneratedEvent(plan, eventId, eventTime, values, session, step, fraudPattern, delayMillis, malformed);
    }

    GeneratedEvent malformedCopy(String newEventId, MalformedKind kind) {
        return new GeneratedEvent(plan, newEventId, eventTime, values, session, step, fraudPattern, 0, kind);
    }

    public EventPlan plan() {
        return plan;
    }

    public String eventType() {
        return plan.name();
    }

    public String topic() {
        return plan.topic();
    }

    /** The message key: the value of the event type's key field as text (null when that field is null). */
    public String key() {
        if (plan.keyField < 0) {
            return null;
        }
        Object value = values[plan.keyField];
        return value == null ? null : value.toString();
    }

    public String eventId() {
        return eventId;
    }

    /** Epoch milliseconds (UTC). Late events keep their true event time; they are only delivered later. */
    public long eventTime() {
        return eventTime;
    }

    /** Value of a configured field by position; do not modify the array behind it. */
    public Object valueAt(int index) {
        return values[index];
    }

    public Object value(String field) {
        int index = plan.fieldIndex(field);
        if (index < 0) {
            throw new IllegalArgumentException("event type '" + plan.name() + "' has no field '" + field + "'; it has " + plan.fieldNames());
        }
        return values[index];
    }

    public int fieldCount() {
        return values.length;
    }

    /** Field name to value, in schema order, with event_id and event_time first. For tests and debugging. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("event_id", eventId);
        map.put("event_time", eventTime);
        for (int i = 0; i < values.length; i++) {
            map.put(plan.fields[i].name, values[i]);
        }
        return map;
    }

    /** Serial number of the session that produced the event, or -1 for background and fraud events. */
    public long session() {
        return session;
    }

    /** Funnel step index within the session, or -1 outside sessions. */
    public int step() {
        return step;
    }

    /** The fraud pattern this event belongs to, or null. Its label is true unless it is a pattern's legitimate lead-in. */
    public FraudPattern fraudPattern() {
        return fraudPattern;
    }

    /** True when the event carries the fraud label set to true. */
    public boolean fraudulent() {
        return plan.labelField >= 0 && Boolean.TRUE.equals(values[plan.labelField]);
    }

    public boolean late() {
        return lateByMillis > 0;
    }

    /** How long delivery was held back (0 for on-time events). */
    public long lateByMillis() {
        return lateByMillis;
    }

    /** Non-null for the malformed records that come in addition to the valid events. */
    public MalformedKind malformed() {
        return malformed;
    }

    public boolean valid() {
        return malformed == null;
    }

    Object[] values() {
        return values;
    }

    @Override
    public String toString() {
        return plan.name() + (malformed != null ? "[" + malformed + "]" : "") + (late() ? "[late " + lateByMillis + "ms]" : "") + asMap();
    }
}
