package dev.sluice.decode;

/**
 * Names of the bookkeeping columns decoding adds next to the event's own columns. Prefixed so they cannot clash with
 * event fields (which are lower_snake_case names without a leading underscore).
 */
public final class KafkaColumns {

    public static final String KEY = "_kafka_key";
    public static final String TOPIC = "_kafka_topic";
    public static final String PARTITION = "_kafka_partition";
    public static final String OFFSET = "_kafka_offset";
    public static final String TIMESTAMP = "_kafka_timestamp";
    public static final String SCHEMA_ID = "_schema_id";
    public static final String VALUE = "_value";
    public static final String REASON = "_dead_letter_reason";
    /** For reasons the raw bytes do not explain by themselves (an event time out of range, a NaN): what was wrong. */
    public static final String DETAIL = "_dead_letter_detail";

    private KafkaColumns() {
    }
}
