package dev.sluice.decode;

import java.time.Duration;
import java.time.Instant;

/**
 * The event times a streaming query accepts. Outside them a record is a dead letter
 * ({@link DeadLetterReason#EVENT_TIME_OUT_OF_RANGE}), decided from the record alone (its event time and its Kafka
 * timestamp, never the wall clock), so a re-run batch classifies every record the same way.
 *
 * <ul>
 *   <li>{@link #EARLIEST} .. {@link #LATEST}: what ClickHouse DateTime columns (window bounds, late events' times)
 *       hold on every server version; an insert of anything else fails or wraps around.</li>
 *   <li>{@link #MAX_AHEAD_OF_KAFKA}: an event stamped far ahead of the moment it was produced is a broken clock or a
 *       hostile producer. Spark's watermark is the highest event time seen minus the delay, so a single event in
 *       2090 would make every later real event late. A day leaves room for clocks that are off and for the
 *       generator's fast mode, whose event times run ahead of the wall clock (100 events per second of event time
 *       by default: a million events span under three hours).</li>
 * </ul>
 * Events far in the past are not refused here: they are late (the late-events table) once the watermark has passed
 * them, which is the documented place for them.
 */
public final class EventTimeRange {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    public static final Duration MAX_AHEAD_OF_KAFKA = Duration.ofDays(1);

    private EventTimeRange() {
    }

    /**
     * The rule, on epoch milliseconds. The Kafka-timestamp bound applies only to records that have one (brokers give -1,
     * shown as 1969-12-31T23:59:59.999, for records written without a timestamp).
     *
     * @param kafkaMs the record's Kafka timestamp, or any negative number when it has none
     */
    public static boolean outOfRange(long eventMs, long kafkaMs) {
        return eventMs < EARLIEST.toEpochMilli() || eventMs >= LATEST.toEpochMilli()
                || (kafkaMs >= 0 && eventMs > kafkaMs + MAX_AHEAD_OF_KAFKA.toMillis());
    }

    /** For messages: the rule in words. */
    public static String describe() {
        return "event_time must be in [" + EARLIEST + ", " + LATEST + ") and at most " + MAX_AHEAD_OF_KAFKA.toHours()
                + " h ahead of the record's Kafka timestamp";
    }
}
