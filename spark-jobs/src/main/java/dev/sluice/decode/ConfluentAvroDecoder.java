package dev.sluice.decode;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.AvroOptions;
import org.apache.spark.sql.avro.AvroOptions$;
import org.apache.spark.sql.avro.SchemaConverters$;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * Decodes Kafka records in the Confluent wire format (magic byte 0x00, 4-byte big-endian schema id, Avro binary) in
 * one pass per record ({@link ConfluentAvroExpression}): the header is read, and the payload goes through Avro's
 * resolving decoder for the record's WRITER schema against the READER schema (picked by id from the registered
 * versions) straight into Spark's row ({@link RowDatumReader}). Old writers' records come out with the reader's columns:
 * fields they lack take the reader's defaults (null for optional fields), fields the reader dropped are ignored.
 *
 * <p>Nothing is dropped: {@link #decode} keeps every input row and sets {@link KafkaColumns#REASON} on the ones that
 * did not decode ({@link DeadLetterReason}); {@link #events} and {@link #deadLetters} split them.
 *
 * <p>The writer set is fixed when the plan is built. A version registered later shows up as UNKNOWN_SCHEMA_ID; the
 * streaming job checks each batch's unknown ids against the registry before writing anything and, if one has been
 * registered meanwhile, stops and restarts its query with the refreshed set (see {@code WriterSchemaWatch}).
 */
public final class ConfluentAvroDecoder {

    private static final String DECODED = "_decoded";

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
        Column decoded = new Column(expression(col("value").expr(), col("timestamp").expr(), kafka.sparkSession().sessionState().conf()));

        Dataset<Row> framed = kafka.select(
                col("key").as(KafkaColumns.KEY),
                col("topic").as(KafkaColumns.TOPIC),
                col("partition").as(KafkaColumns.PARTITION),
                col("offset").as(KafkaColumns.OFFSET),
                col("timestamp").as(KafkaColumns.TIMESTAMP),
                col("value").as(KafkaColumns.VALUE),
                decoded.as(DECODED));

        List<Column> out = new ArrayList<>();
        for (StructField field : dev.sluice.compile.EventColumns.schema(event).fields()) {
            out.add(col(DECODED + ".event." + field.name()).cast(field.dataType()).as(field.name()));
        }
        for (String name : List.of(KafkaColumns.KEY, KafkaColumns.TOPIC, KafkaColumns.PARTITION, KafkaColumns.OFFSET, KafkaColumns.TIMESTAMP)) {
            out.add(col(name));
        }
        out.add(col(DECODED + "." + KafkaColumns.SCHEMA_ID).as(KafkaColumns.SCHEMA_ID));
        out.add(col(KafkaColumns.VALUE));
        out.add(col(DECODED + "." + KafkaColumns.REASON).as(KafkaColumns.REASON));
        out.add(col(DECODED + "." + KafkaColumns.DETAIL).as(KafkaColumns.DETAIL));
        return framed.select(out.toArray(Column[]::new));
    }

    /**
     * The one-pass decode of a Kafka value and timestamp ({@link ConfluentAvroExpression}); {@link #decode} is built on it,
     * the benchmarks call it directly.
     */
    public ConfluentAvroExpression expression(Expression value, Expression timestamp, SQLConf conf) {
        // The options from_avro was given; spark-avro reads the rebase mode from them (or the session) as from_avro does.
        AvroOptions options = AvroOptions$.MODULE$.apply(scalaMap(Map.of("mode", "PERMISSIVE", "avroSchema", readerSchema.toString())));
        // PERMISSIVE makes every field nullable (an undecodable record is a row of nulls), as in from_avro.
        StructType eventType = (StructType) SchemaConverters$.MODULE$.toSqlType(readerSchema, options.useStableIdForUnionType())
                .dataType().asNullable();
        DecodeSpec spec = new DecodeSpec(event.name(), readerSchema.toString(), writers.stream().mapToLong(WriterSchema::id).toArray(),
                writers.stream().map(w -> w.schema().toString()).toList(),
                event.fields().stream().filter(f -> f.type() == FieldType.DOUBLE).map(FieldConfig::name).toList(),
                options.datetimeRebaseModeInRead(), conf.sessionLocalTimeZone());
        return new ConfluentAvroExpression(value, timestamp, spec, eventType);
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

    private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> map) {
        return scala.collection.immutable.Map$.MODULE$.<String, String>empty().$plus$plus(JavaConverters.mapAsScalaMap(map));
    }
}
