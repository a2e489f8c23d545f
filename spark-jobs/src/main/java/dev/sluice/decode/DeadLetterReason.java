package dev.sluice.decode;

/**
 * Why a Kafka record did not become an event. The names are stored in the dead-letter table and match core's
 * {@code WireFormatException.Reason} codes (plus {@link #MISSING_EVENT_TIME}), so never rename them.
 * All are bad data: the same bytes always give the same answer.
 */
public enum DeadLetterReason {
    /** Null value (tombstone) or fewer than the 5 bytes of the Confluent header. */
    TRUNCATED,
    /** First byte is not 0x00: not Confluent-framed Avro. */
    BAD_MAGIC_BYTE,
    /** The header names a schema id that is not a registered version of the event's subject. */
    UNKNOWN_SCHEMA_ID,
    /** The Avro payload does not decode with its writer schema (truncated, corrupted) or does not resolve to the reader's. */
    UNDECODABLE,
    /** Decoded, but without an event time, so it cannot be placed in any window. */
    MISSING_EVENT_TIME,
    /**
     * The event time cannot be a real one: before 1970 or from 2100 on (ClickHouse DateTime columns cannot hold it),
     * or more than {@link EventTimeRange#MAX_AHEAD_OF_KAFKA} ahead of the record's Kafka timestamp (one such event
     * would push the watermark past every real event, which then would all count as late).
     */
    EVENT_TIME_OUT_OF_RANGE,
    /** A double field is NaN or infinite: a sum, average, minimum or maximum over it would be meaningless. */
    NON_FINITE_NUMBER
}
