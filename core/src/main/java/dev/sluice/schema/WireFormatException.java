package dev.sluice.schema;

/**
 * A Kafka message that cannot be turned into a record. Always bad data (retrying the same bytes gives the
 * same answer): the consumer routes the message to the dead-letter table with {@link #reason()} as its code.
 * Registry outages are NOT reported this way; they surface as retriable {@code RegistryException}s.
 */
public final class WireFormatException extends RuntimeException {

    /** Dead-letter reason codes; their names are stored in the dead-letter table, so never rename them. */
    public enum Reason {
        /** First byte is not 0x00: not Confluent-framed Avro (plain JSON, another serializer, a corrupted message). */
        BAD_MAGIC_BYTE,
        /** Fewer bytes than the 5-byte header, or the Avro payload ends before the record does. */
        TRUNCATED,
        /** The schema id in the header is not known to the registry. */
        UNKNOWN_SCHEMA_ID,
        /** The payload does not decode with the writer schema, or cannot be resolved to the reader schema. */
        UNDECODABLE
    }

    private final Reason reason;

    public WireFormatException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WireFormatException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
