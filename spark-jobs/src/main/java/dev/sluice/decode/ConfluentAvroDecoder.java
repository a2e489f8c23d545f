package dev.sluice.decode;

import dev.sluice.config.EventTypeConfig;
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
import static org.apache.spark.sql.functions.col;
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
        Column reason = when(framedValue.isNull().or(length(framedValue).lt(HEADER_LENGTH)), lit(DeadLetterReason.TRUNCATED.name()))
                .when(framedValue.substr(1, 1).notEqual(lit(new byte[] {0})), lit(DeadLetterReason.BAD_MAGIC_BYTE.name()))
                .when(not(col(KafkaColumns.SCHEMA_ID).isin(writerIds())), lit(DeadLetterReason.UNKNOWN_SCHEMA_ID.name()))
                .when(record.getField(EventTypeConfig.EVENT_ID).isNull(), lit(DeadLetterReason.UNDECODABLE.name()))
                .when(record.getField(EventTypeConfig.EVENT_TIME).isNull(), lit(DeadLetterReason.MISSING_EVENT_TIME.name()));

        List<Column> out = new ArrayList<>();
        for (StructField field : dev.sluice.compile.EventColumns.schema(event).fields()) {
            out.add(record.getField(field.name()).cast(field.dataType()).as(field.name()));
        }
        for (String name : List.of(KafkaColumns.KEY, KafkaColumns.TOPIC, KafkaColumns.PARTITION, KafkaColumns.OFFSET, KafkaColumns.TIMESTAMP,
                KafkaColumns.SCHEMA_ID, KafkaColumns.VALUE)) {
            out.add(col(name));
        }
        out.add(reason.as(KafkaColumns.REASON));
        return framed.select(out.toArray(Column[]::new));
    }

    /** Good events: the compiler's input columns (plus the Kafka bookkeeping columns, which aggregation ignores). */
    public static Dataset<Row> events(Dataset<Row> decoded) {
        return decoded.filter(col(KafkaColumns.REASON).isNull()).drop(KafkaColumns.VALUE, KafkaColumns.KEY, KafkaColumns.REASON);
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

    private Object[] writerIds() {
        return writers.stream().map(w -> (Object) (long) w.id()).toArray();
    }

    private static Column not(Column c) {
        return org.apache.spark.sql.functions.not(c);
    }
}
