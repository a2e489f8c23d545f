package dev.sluice.bench;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.RegistryWriterSchemas;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SubjectNames;
import dev.sluice.replay.KafkaOffsetRange;
import dev.sluice.schema.EventSchemas;
import org.apache.avro.Schema;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

/**
 * Step 2: the practical ceiling of a Spark pipeline on this machine. A bare batch job in the same SparkSession (same
 * master, same settings, same JVM) that reads exactly the preloaded offsets of every topic of the domain, decodes them
 * with the pipeline's own Confluent Avro decoder (one pass per record over Avro's resolving reader, {@code ConfluentAvroExpression})
 * and counts the rows. All topics are read in ONE job so both cores are busy, as the streaming job's concurrent
 * queries keep them. Nothing is aggregated, kept or written.
 *
 * <p>{@link #readOnly} is the same without the decode: what the Kafka source alone costs.
 */
final class Baseline {

    private final SparkSession spark;
    private final SluiceConfig config;
    private final DomainConfig domain;
    private final SchemaRegistryClient registry;
    private final Map<String, KafkaOffsetRange> ranges;

    Baseline(SparkSession spark, SluiceConfig config, DomainConfig domain, SchemaRegistryClient registry, Map<String, KafkaOffsetRange> ranges) {
        this.spark = spark;
        this.config = config;
        this.domain = domain;
        this.registry = registry;
        this.ranges = ranges;
    }

    /** Read + decode + count. Fails when the count is not the expected one. */
    Lap readDecodeCount(long expectedEvents) {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (EventTypeConfig event : domain.events().values()) {
            Schema reader = EventSchemas.schemaFor(domain, event);
            String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), event.topic(), reader);
            ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(event, reader, new RegistryWriterSchemas(registry, subject).writerSchemas());
            parts.add(ConfluentAvroDecoder.events(decoder.decode(read(event.topic())))
                    .select(col(EventTypeConfig.EVENT_ID), col(EventTypeConfig.EVENT_TIME)));
        }
        Lap.Start started = Lap.start();
        Row counts = union(parts).agg(count(lit(1)), count(col(EventTypeConfig.EVENT_ID))).first();
        Lap lap = started.stop();
        if (counts.getLong(0) != expectedEvents || counts.getLong(1) != expectedEvents) {
            throw new IllegalStateException("baseline decoded " + counts.getLong(0) + " events (" + counts.getLong(1) + " with an id), expected "
                    + expectedEvents + " [bug: the preloaded topics should hold exactly the generated events]");
        }
        return lap;
    }

    /** Read + count of the raw records (and their bytes, so the values are really fetched). */
    Lap readOnly(long expectedRecords) {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (EventTypeConfig event : domain.events().values()) {
            parts.add(read(event.topic()).select(col("value")));
        }
        Lap.Start started = Lap.start();
        Row counts = union(parts).agg(count(lit(1)), sum(length(col("value")))).first();
        Lap lap = started.stop();
        if (counts.getLong(0) != expectedRecords) {
            throw new IllegalStateException("baseline read " + counts.getLong(0) + " records, expected " + expectedRecords + " [bug]");
        }
        return lap;
    }

    private Dataset<Row> read(String topic) {
        KafkaOffsetRange range = ranges.get(topic);
        KafkaConfig kafka = config.platform().kafka();
        DataFrameReader reader = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", topic)
                .option("startingOffsets", range.startingOffsetsJson())
                .option("endingOffsets", range.endingOffsetsJson())
                .option("failOnDataLoss", "true");
        kafka.clientProperties().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }

    private static Dataset<Row> union(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        return all;
    }
}
