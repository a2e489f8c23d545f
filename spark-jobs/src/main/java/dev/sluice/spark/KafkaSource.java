package dev.sluice.spark;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.KafkaConfig;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Locale;

/**
 * Spark's Kafka source for one aggregation's topic: starting offsets from the aggregation (used only when the query
 * has no checkpoint yet), records per trigger, and the platform's Kafka client properties passed through with the
 * {@code kafka.} prefix Spark expects. {@code failOnDataLoss} stays on: offsets that vanished (retention ran ahead of
 * the query) fail the query rather than being skipped silently.
 */
public final class KafkaSource {

    private KafkaSource() {
    }

    public static Dataset<Row> read(SparkSession spark, KafkaConfig kafka, String topic, AggregationConfig aggregation, long maxOffsetsPerTrigger) {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", kafka.bootstrapServers())
                .option("subscribe", topic)
                .option("startingOffsets", aggregation.startingOffsets().name().toLowerCase(Locale.ROOT))
                .option("maxOffsetsPerTrigger", maxOffsetsPerTrigger)
                .option("failOnDataLoss", "true");
        kafka.clientProperties().forEach((key, value) -> reader.option("kafka." + key, value));
        return reader.load();
    }
}
