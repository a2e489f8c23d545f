package dev.sluice.decode;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.avro.functions.from_avro;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Decodes Kafka records in the Confluent wire format (magic byte 0x00, 4-byte big-endian schema id, Avro binary) with
 * Spark built-ins only: the header is sliced with {@code substring}/{@code hex}/{@code conv}, and the payload goes
 * through {@code from_avro} of the record's WRITER schema, chosen by id in one {@code CASE WHEN}. Every branch
 * resolves to the same READER schema (spark-avro's {@code avroSchema} option runs Avro schema resolution), so old
 * writers' records come out with the reader's columns: fields they lack take the reader's defaults (null for optional
 * fields), fields the reader dropped are ignored.
 *
 * <p>Nothing is dropped: {@link #decode} keeps every input row and sets {@link KafkaColumns#REASON} on the ones that
 * did not decode ({@link DeadLetterReason}); {@link #events} and {@link #deadLetters} split them.
 *
 * <p>The writer set is fixed when the plan is built. A version registered later shows up as UNKNOWN_SCHEMA_ID; the
 * streaming job checks each batch's unknown ids against the registry before writing anything and, if one has been
 * registered meanwhile, stops and restarts its query with the refreshed set (see {@code WriterSchemaWatch}).
 */
public final class ConfluentAvroDecoder {

    private static final int HEADER_LENGTH = 5;
    /** The session time zone of Sluice jobs is UTC (JobSparkConf). */
    private static final String ISO_MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    private final EventTypeConfig event;
    private final Schema readerSchema;
    private final List<WriterSchema> writers;

    public ConfluentAvroDecoder(EventTypeConfig event, Schema readerSchema, List<WriterSchema> writers) {
        this.event = event;
        this.readerSchema = readerSchema;
        this.writers = writers.stream().sorted(Comparator.comparingInt(WriterSchema::id)).toList();
        if (this.writers.isEmpty()) {
            throw new IllegalArgumentException("bad config: no registered writer schema for event type '" + event.name()
                    + "'; register its schema (bin/sluice schemas register) before starting the job");
        }
    }

    public List<WriterSchema> writers() {
        return writers;
    }

    /**
     * Kafka source rows (value, topic, partition, offset, timestamp) to the event's columns plus
     * {@link KafkaColumns}; {@code _dead_letter_reason} is null for good events.
     */
    public Dataset<Row> decode(Dataset<Row> kafka) {
        Column value = col("value");
        Column size = length(value);
        Column schemaId = conv(hex(value.substr(2, 4)), 16, 10).cast("long");
        Column payload = value.substr(lit(HEADER_LENGTH + 1), size.minus(HEADER_LENGTH));

        Column framedOk = size.geq(HEADER_LENGTH).and(value.substr(1, 1).equalTo(lit(new byte[] {0})));
        Dataset<Row> framed = kafka.select(
                value.as(KafkaColumns.VALUE),
                col("key").as(KafkaColumns.KEY),
                col("topic").as(KafkaColumns.TOPIC),
                col("partition").as(KafkaColumns.PARTITION),
                col("offset").as(KafkaColumns.OFFSET),
                col("timestamp").as(KafkaColumns.TIMESTAMP),
                // Only framed records have a schema id; four bytes of something else are not one.
                when(framedOk, schemaId).as(KafkaColumns.SCHEMA_ID),
                decodedRecord(schemaId, payload, framedOk).as("_event"));

        Column record = col("_event");
        Column framedValue = col(KafkaColumns.VALUE);
        Column eventTime = record.getField(EventTypeConfig.EVENT_TIME);
        Column eventTimeOutOfRange = eventTimeOutOfRange(eventTime, col(KafkaColumns.TIMESTAMP));
        Column nonFinite = nonFiniteFields(record);
        Column reason = when(framedValue.isNull().or(length(framedValue).lt(HEADER_LENGTH)), lit(DeadLetterReason.TRUNCATED.name()))
                .when(framedValue.substr(1, 1).notEqual(lit(new byte[] {0})), lit(DeadLetterReason.BAD_MAGIC_BYTE.name()))
                .when(not(col(KafkaColumns.SCHEMA_ID).isin(writerIds())), lit(DeadLetterReason.UNKNOWN_SCHEMA_ID.name()))
                .when(record.getField(EventTypeConfig.EVENT_ID).isNull(), lit(DeadLetterReason.UNDECODABLE.name()))
                .when(eventTime.isNull(), lit(DeadLetterReason.MISSING_EVENT_TIME.name()))
                .when(eventTimeOutOfRange, lit(DeadLetterReason.EVENT_TIME_OUT_OF_RANGE.name()))
                .when(nonFinite.notEqual(lit("")), lit(DeadLetterReason.NON_FINITE_NUMBER.name()));
        // What exactly was wrong, for the reasons the record's bytes alone do not explain.
        Column detail = when(reason.equalTo(lit(DeadLetterReason.EVENT_TIME_OUT_OF_RANGE.name())),
                concat(lit("event_time "), date_format(eventTime, ISO_MILLIS), lit(" with Kafka timestamp "),
                        date_format(col(KafkaColumns.TIMESTAMP), ISO_MILLIS), lit(": " + EventTimeRange.describe())))
                .when(reason.equalTo(lit(DeadLetterReason.NON_FINITE_NUMBER.name())),
                        concat(lit("double fields must be finite numbers: "), nonFinite));

        List<Column> out = new ArrayList<>();
        for (StructField field : dev.sluice.compile.EventColumns.schema(event).fields()) {
            out.add(record.getField(field.name()).cast(field.dataType()).as(field.name()));
        }
        for (String name : List.of(KafkaColumns.KEY, KafkaColumns.TOPIC, KafkaColumns.PARTITION, KafkaColumns.OFFSET, KafkaColumns.TIMESTAMP,
                KafkaColumns.SCHEMA_ID, KafkaColumns.VALUE)) {
            out.add(col(name));
        }
        out.add(reason.as(KafkaColumns.REASON));
        out.add(detail.as(KafkaColumns.DETAIL));
        return framed.select(out.toArray(Column[]::new));
    }

    /** Good events: the compiler's input columns (plus the Kafka bookkeeping columns, which aggregation ignores). */
    public static Dataset<Row> events(Dataset<Row> decoded) {
        return decoded.filter(col(KafkaColumns.REASON).isNull()).drop(KafkaColumns.VALUE, KafkaColumns.KEY, KafkaColumns.REASON,
                KafkaColumns.DETAIL);
    }

    /** Records that did not decode, with their raw bytes, Kafka coordinates and reason. */
    public static Dataset<Row> deadLetters(Dataset<Row> decoded) {
        return decoded.filter(col(KafkaColumns.REASON).isNotNull()).select(
                col(KafkaColumns.TOPIC), col(KafkaColumns.PARTITION), col(KafkaColumns.OFFSET), col(KafkaColumns.TIMESTAMP),
                col(KafkaColumns.SCHEMA_ID), col(KafkaColumns.REASON), col(KafkaColumns.KEY), col(KafkaColumns.VALUE));
    }

    private Column decodedRecord(Column schemaId, Column payload, Column framedOk) {
        // PERMISSIVE: an undecodable payload yields a record of nulls instead of failing the query.
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "avroSchema", readerSchema.toString());
        Column result = null;
        for (WriterSchema writer : writers) {
            Column condition = framedOk.and(schemaId.equalTo(writer.id()));
            Column decoded = from_avro(payload, writer.schema().toString(), options);
            result = result == null ? when(condition, decoded) : result.when(condition, decoded);
        }
        return result;
    }

    /**
     * {@link EventTimeRange}, on epoch milliseconds. The Kafka-timestamp bound applies only to records that have one
     * (brokers give -1, shown as 1969-12-31T23:59:59.999, for records written without a timestamp).
     */
    private static Column eventTimeOutOfRange(Column eventTime, Column kafkaTimestamp) {
        Column eventMs = call_function("unix_millis", eventTime);
        Column kafkaMs = call_function("unix_millis", kafkaTimestamp);
        return eventMs.lt(lit(EventTimeRange.EARLIEST.toEpochMilli()))
                .or(eventMs.geq(lit(EventTimeRange.LATEST.toEpochMilli())))
                .or(kafkaMs.geq(lit(0L)).and(eventMs.gt(kafkaMs.plus(lit(EventTimeRange.MAX_AHEAD_OF_KAFKA.toMillis())))));
    }

    /** "field=NaN, other=Infinity" for the event's double fields that are not finite numbers; "" when all are. */
    private Column nonFiniteFields(Column record) {
        List<Column> parts = new ArrayList<>();
        for (FieldConfig field : event.fields()) {
            if (field.type() == FieldType.DOUBLE) {
                Column value = record.getField(field.name());
                Column bad = value.isNaN().or(value.equalTo(lit(Double.POSITIVE_INFINITY))).or(value.equalTo(lit(Double.NEGATIVE_INFINITY)));
                parts.add(when(bad, concat(lit(field.name() + "="), value.cast("string"))));
            }
        }
        // concat_ws skips nulls, so only the offending fields are listed
        return parts.isEmpty() ? lit("") : concat_ws(", ", parts.toArray(Column[]::new));
    }

    private Object[] writerIds() {
        return writers.stream().map(w -> (Object) (long) w.id()).toArray();
    }

    private static Column not(Column c) {
        return org.apache.spark.sql.functions.not(c);
    }
}
