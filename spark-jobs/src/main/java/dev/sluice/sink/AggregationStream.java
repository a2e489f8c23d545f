package dev.sluice.sink;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.compile.EventColumns;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.KafkaColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * The streaming plan of one aggregation: ONE Kafka source, decoded once per branch, feeding a union of
 * <ol>
 *   <li>the compiled aggregation's output rows ({@link #KIND_AGGREGATE}, in column {@link #AGGREGATE}), and</li>
 *   <li>one row per input record ({@link #KIND_RECORD}, in column {@link #RECORD}): the decoded event, its
 *       Kafka coordinates and drop bound ({@link LateEventRule}) for events that passed the filter, or the raw bytes
 *       and reason for dead letters.</li>
 * </ol>
 * Both branches read the same offsets of the same micro-batch, so the batch writer sees the aggregates and the input
 * they came from together, and can tell late events (dropped inside Spark's stateful operator without a trace) and
 * dead letters apart within the same batch id: one commit covers all three tables.
 *
 * <p>Why not a second query for late events and dead letters: its batches would not line up with the aggregation's,
 * so neither the watermark nor the ledger would be shared, and counts could not reconcile.
 */
public final class AggregationStream {

    public static final String KIND = "_kind";
    public static final String AGGREGATE = "aggregate";
    public static final String RECORD = "record";
    public static final String KIND_AGGREGATE = "A";
    public static final String KIND_RECORD = "R";
    public static final String DROP_BOUND = "drop_bound";
    public static final String EVENT = "event";

    private AggregationStream() {
    }

    /** The record struct's fields, in order; {@code event} holds the decoded event (for late events' JSON). */
    public static StructType recordType(StructType eventType) {
        return DataTypes.createStructType(new StructField[] {
                DataTypes.createStructField(EVENT, eventType, true),
                DataTypes.createStructField(EventTypeConfig.EVENT_ID, DataTypes.StringType, true),
                DataTypes.createStructField(EventTypeConfig.EVENT_TIME, DataTypes.TimestampType, true),
                DataTypes.createStructField(DROP_BOUND, DataTypes.TimestampType, true),
                DataTypes.createStructField(KafkaColumns.TOPIC, DataTypes.StringType, true),
                DataTypes.createStructField(KafkaColumns.PARTITION, DataTypes.IntegerType, true),
                DataTypes.createStructField(KafkaColumns.OFFSET, DataTypes.LongType, true),
                DataTypes.createStructField(KafkaColumns.TIMESTAMP, DataTypes.TimestampType, true),
                DataTypes.createStructField(KafkaColumns.SCHEMA_ID, DataTypes.LongType, true),
                DataTypes.createStructField(KafkaColumns.REASON, DataTypes.StringType, true),
                DataTypes.createStructField(KafkaColumns.DETAIL, DataTypes.StringType, true),
                DataTypes.createStructField(KafkaColumns.KEY, DataTypes.BinaryType, true),
                DataTypes.createStructField(KafkaColumns.VALUE, DataTypes.BinaryType, true)});
    }

    /** The same struct with every field nullable: any decoded field may be null in a dead letter's record. */
    static StructType nullable(StructType type) {
        return DataTypes.createStructType(Arrays.stream(type.fields())
                .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true)).toArray(StructField[]::new));
    }

    /**
     * @param kafka rows of Spark's Kafka source (value, topic, partition, offset, timestamp), streaming or batch
     */
    public static Dataset<Row> build(Dataset<Row> kafka, ConfluentAvroDecoder decoder, CompiledAggregation aggregation) {
        // One shuffle of the decoded records, shared by both branches: Spark's ReuseExchange plans it once, so the
        // Kafka scan and the Avro decoding run once per batch instead of once per branch (StreamingJobTest checks
        // numInputRows). For the two subtrees to be identical, the records travel as ONE struct column (column
        // pruning cannot narrow it differently per branch) and an observe() sits above the exchange as a barrier that
        // filters are not pushed through; its metric counts both branches and is not used. Hashing on the Kafka
        // coordinates keeps a re-run batch's partitions identical (round-robin would need a sort for that).
        // The raw key and value bytes only travel on for dead letters (the only rows that store them): for a decoded
        // event they are most of the row, and the shuffle below would serialize, compress and spill them for nothing.
        Column isDeadLetter = col(KafkaColumns.REASON).isNotNull();
        Dataset<Row> unpacked = decoder.decode(kafka)
                .withColumn(KafkaColumns.KEY, when(isDeadLetter, col(KafkaColumns.KEY)))
                .withColumn(KafkaColumns.VALUE, when(isDeadLetter, col(KafkaColumns.VALUE)));
        Dataset<Row> decoded = unpacked.select(struct(Arrays.stream(unpacked.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).as("_d"))
                .repartition(col("_d." + KafkaColumns.PARTITION), col("_d." + KafkaColumns.OFFSET))
                .observe("sluice_barrier_" + aggregation.name(), org.apache.spark.sql.functions.count(lit(1)).as("records"))
                .select("_d.*");
        StructType eventType = nullable(EventColumns.schema(aggregation.event()));
        StructType recordType = recordType(eventType);

        Dataset<Row> aggregates = aggregation.apply(ConfluentAvroDecoder.events(decoded));
        StructType aggregateType = aggregation.outputSchema();
        Dataset<Row> aggregateBranch = aggregates.select(
                lit(KIND_AGGREGATE).as(KIND),
                struct(Arrays.stream(aggregateType.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new)).as(AGGREGATE),
                lit(null).cast(recordType).as(RECORD));

        Column selected = aggregation.filter().map(f -> isDeadLetter.or(f)).orElse(lit(true));
        Dataset<Row> recordBranch = decoded.filter(selected).select(
                lit(KIND_RECORD).as(KIND),
                lit(null).cast(aggregateType).as(AGGREGATE),
                struct(
                        when(isDeadLetter, lit(null).cast(eventType))
                                .otherwise(struct(Arrays.stream(eventType.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new)))
                                .as(EVENT),
                        col(EventTypeConfig.EVENT_ID),
                        col(EventTypeConfig.EVENT_TIME),
                        when(isDeadLetter, lit(null).cast(DataTypes.TimestampType)).otherwise(LateEventRule.dropBound(aggregation)).as(DROP_BOUND),
                        col(KafkaColumns.TOPIC),
                        col(KafkaColumns.PARTITION),
                        col(KafkaColumns.OFFSET),
                        col(KafkaColumns.TIMESTAMP),
                        col(KafkaColumns.SCHEMA_ID),
                        col(KafkaColumns.REASON),
                        col(KafkaColumns.DETAIL),
                        col(KafkaColumns.KEY),
                        col(KafkaColumns.VALUE)).cast(recordType).as(RECORD));

        return aggregateBranch.unionByName(recordBranch);
    }
}
