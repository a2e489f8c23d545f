package dev.sluice.benchmarks;

import dev.sluice.decode.DeadLetterReason;
import dev.sluice.decode.EventTimeRange;
import dev.sluice.decode.KafkaColumns;
import dev.sluice.decode.WriterSchema;

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
 * The decode path before issue 18 (Spark built-ins only), kept verbatim for the benchmarks' "before" figures and its
 * cost breakdown: the Confluent header sliced with {@code substring}/{@code hex}/{@code conv}, one {@code from_avro} of
 * the writer schema per registered version in a {@code CASE WHEN}, then the reason {@code CASE} (with the range and
 * finiteness checks) and the detail. {@link #framing}, {@link #branches} and {@link #reasons} stop after each stage.
 * Not used by Sluice itself: the pipeline decodes with {@link dev.sluice.decode.ConfluentAvroDecoder}.
 */
final class FromAvroBranchesDecoder {

    private static final int HEADER_LENGTH = 5;
    /** The session time zone of Sluice jobs is UTC (JobSparkConf). */
    private static final String ISO_MILLIS = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

    private final EventTypeConfig event;
    private final Schema readerSchema;
    private final List<WriterSchema> writers;

    FromAvroBranchesDecoder(EventTypeConfig event, Schema readerSchema, List<WriterSchema> writers) {
        this.event = event;
        this.readerSchema = readerSchema;
        this.writers = writers.stream().sorted(Comparator.comparingInt(WriterSchema::id)).toList();
        if (this.writers.isEmpty()) {
            throw new IllegalArgumentException("bad config: no registered writer schema for event type '" + event.name()
                    + "'; register its schema (bin/sluice schemas register) before starting the job");
        }
    }

    /** Stage 1: the header alone (size, magic byte, schema id) and the payload slice. */
    Dataset<Row> framing(Dataset<Row> kafka) {
        Column value = col("value");
        Column size = length(value);
        Column framedOk = size.geq(HEADER_LENGTH).and(value.substr(1, 1).equalTo(lit(new byte[] {0})));
        return kafka.select(when(framedOk, conv(hex(value.substr(2, 4)), 16, 10).cast("long")).as(KafkaColumns.SCHEMA_ID),
                value.substr(lit(HEADER_LENGTH + 1), size.minus(HEADER_LENGTH)).as("_payload"), framedOk.as("_framed"));
    }

    /** Stage 2: stage 1 plus the from_avro branch per writer version (the decoded record's every field). */
    Dataset<Row> branches(Dataset<Row> kafka) {
        Column value = col("value");
        Column size = length(value);
        Column schemaId = conv(hex(value.substr(2, 4)), 16, 10).cast("long");
        Column payload = value.substr(lit(HEADER_LENGTH + 1), size.minus(HEADER_LENGTH));
        Column framedOk = size.geq(HEADER_LENGTH).and(value.substr(1, 1).equalTo(lit(new byte[] {0})));
        return kafka.select(when(framedOk, schemaId).as(KafkaColumns.SCHEMA_ID), decodedRecord(schemaId, payload, framedOk).as("_event"))
                .select(col(KafkaColumns.SCHEMA_ID), col("_event.*"));
    }

    /** Stage 3: {@link #decode} without the detail column (the reason CASE holds the range and finiteness checks). */
    Dataset<Row> reasons(Dataset<Row> kafka) {
        return decode(kafka).drop(KafkaColumns.DETAIL);
    }

    /**
     * Kafka source rows (value, topic, partition, offset, timestamp) to the event's columns plus
     * {@link KafkaColumns}; {@code _dead_letter_reason} is null for good events.
     */
    Dataset<Row> decode(Dataset<Row> kafka) {
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
        Column reason = when(framedValue.isNull().or(length(framedValue).lt(HEADER_LENGTH)), lit(DeadLetterReason.TRUNCATED.name()))
                .when(framedValue.substr(1, 1).notEqual(lit(new byte[] {0})), lit(DeadLetterReason.BAD_MAGIC_BYTE.name()))
                .when(not(col(KafkaColumns.SCHEMA_ID).isin(writerIds())), lit(DeadLetterReason.UNKNOWN_SCHEMA_ID.name()))
                .when(record.getField(EventTypeConfig.EVENT_ID).isNull(), lit(DeadLetterReason.UNDECODABLE.name()))
                .when(eventTime.isNull(), lit(DeadLetterReason.MISSING_EVENT_TIME.name()))
                .when(eventTimeOutOfRange, lit(DeadLetterReason.EVENT_TIME_OUT_OF_RANGE.name()))
                .when(nonFiniteFields(record::getField).notEqual(lit("")), lit(DeadLetterReason.NON_FINITE_NUMBER.name()));

        List<Column> out = new ArrayList<>();
        for (StructField field : dev.sluice.compile.EventColumns.schema(event).fields()) {
            out.add(record.getField(field.name()).cast(field.dataType()).as(field.name()));
        }
        for (String name : List.of(KafkaColumns.KEY, KafkaColumns.TOPIC, KafkaColumns.PARTITION, KafkaColumns.OFFSET, KafkaColumns.TIMESTAMP,
                KafkaColumns.SCHEMA_ID, KafkaColumns.VALUE)) {
            out.add(col(name));
        }
        out.add(reason.as(KafkaColumns.REASON));
        Dataset<Row> classified = framed.select(out.toArray(Column[]::new));

        // What exactly was wrong, for the reasons the record's bytes alone do not explain. A projection of its own, over
        // the reason column, so the reason's CASE is evaluated once per record, not once more per use.
        Column why = col(KafkaColumns.REASON);
        Column detail = when(why.equalTo(lit(DeadLetterReason.EVENT_TIME_OUT_OF_RANGE.name())),
                concat(lit("event_time "), date_format(col(EventTypeConfig.EVENT_TIME), ISO_MILLIS), lit(" with Kafka timestamp "),
                        date_format(col(KafkaColumns.TIMESTAMP), ISO_MILLIS), lit(": " + EventTimeRange.describe())))
                .when(why.equalTo(lit(DeadLetterReason.NON_FINITE_NUMBER.name())),
                        concat(lit("double fields must be finite numbers: "), nonFiniteFields(org.apache.spark.sql.functions::col)));
        return classified.select(col("*"), detail.as(KafkaColumns.DETAIL));
    }

    /** Good events: the compiler's input columns (plus the Kafka bookkeeping columns, which aggregation ignores). */
    static Dataset<Row> events(Dataset<Row> decoded) {
        return decoded.filter(col(KafkaColumns.REASON).isNull()).drop(KafkaColumns.VALUE, KafkaColumns.KEY, KafkaColumns.REASON,
                KafkaColumns.DETAIL);
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

    /**
     * "field=NaN, other=Infinity" for the event's double fields that are not finite numbers; "" when all are.
     *
     * @param field the column of a field by name (in the decoded struct, or a top-level column)
     */
    private Column nonFiniteFields(java.util.function.Function<String, Column> field) {
        List<Column> parts = new ArrayList<>();
        for (FieldConfig config : event.fields()) {
            if (config.type() == FieldType.DOUBLE) {
                Column value = field.apply(config.name());
                Column bad = value.isNaN().or(value.equalTo(lit(Double.POSITIVE_INFINITY))).or(value.equalTo(lit(Double.NEGATIVE_INFINITY)));
                parts.add(when(bad, concat(lit(config.name() + "="), value.cast("string"))));
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
