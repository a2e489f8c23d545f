package dev.sluice.generate;

/**
 * Ways the generator breaks a record on purpose, so the consumer's dead-letter path gets exercised. Each maps to the
 * dead-letter reason a correct consumer must report ({@link dev.sluice.schema.WireFormatException.Reason}).
 */
public enum MalformedKind {
    /** The value is JSON text, as if a producer had used the wrong serializer: first byte is not 0x00. */
    BAD_MAGIC,
    /** Correct header and schema id, but the Avro payload is cut short. */
    TRUNCATED_AVRO,
    /** Correct framing and Avro, but the schema id names no schema in the registry. */
    UNKNOWN_SCHEMA_ID
}
