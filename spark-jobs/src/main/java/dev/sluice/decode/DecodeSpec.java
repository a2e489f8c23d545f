package dev.sluice.decode;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link ConfluentAvroExpression} needs to decode a record, fixed when the plan is built and shipped to the
 * executors with it: plain strings and numbers, so the plan serializes cheaply and two plans built from the same config
 * compare equal (Spark reuses an exchange only when both subtrees are equal, see {@code AggregationStream}).
 *
 * @param readerSchema        the reader schema (Avro JSON): every writer version resolves to it
 * @param writerIds           the registered writer schema ids, ascending
 * @param writerSchemas       the writer schemas (Avro JSON), in the order of {@code writerIds}
 * @param doubleFields        the event's double fields, which must be finite numbers
 * @param datetimeRebaseMode  spark-avro's rebase mode for dates and timestamps before 1582, as {@code from_avro} reads it
 * @param timeZone            the session time zone, for the event times quoted in dead-letter details
 */
public record DecodeSpec(String eventType, String readerSchema, long[] writerIds, List<String> writerSchemas, List<String> doubleFields,
                         String datetimeRebaseMode, String timeZone) implements Serializable {

    public DecodeSpec {
        if (writerIds.length != writerSchemas.size()) {
            throw new IllegalArgumentException("bug: " + writerIds.length + " writer ids for " + writerSchemas.size() + " writer schemas");
        }
        writerSchemas = List.copyOf(writerSchemas);
        doubleFields = List.copyOf(doubleFields);
    }

    // A record compares arrays by identity; the writer ids must compare by value.
    @Override
    public boolean equals(Object o) {
        return o instanceof DecodeSpec other && eventType.equals(other.eventType) && readerSchema.equals(other.readerSchema)
                && Arrays.equals(writerIds, other.writerIds) && writerSchemas.equals(other.writerSchemas)
                && doubleFields.equals(other.doubleFields) && datetimeRebaseMode.equals(other.datetimeRebaseMode)
                && timeZone.equals(other.timeZone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventType, readerSchema, Arrays.hashCode(writerIds), writerSchemas, doubleFields, datetimeRebaseMode, timeZone);
    }

    /** Short, for plans and logs (the schemas themselves would fill screens). */
    @Override
    public String toString() {
        return eventType + " writer ids " + Arrays.toString(writerIds);
    }
}
