package dev.sluice.decode;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.testing.SparkTestSession;
import dev.sluice.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.sluice.testing.AvroOrders.KAFKA_SCHEMA;
import static dev.sluice.testing.AvroOrders.V1;
import static dev.sluice.testing.AvroOrders.V2;
import static dev.sluice.testing.AvroOrders.confluent;
import static dev.sluice.testing.AvroOrders.kafka;
import static dev.sluice.testing.AvroOrders.record;
import static dev.sluice.testing.AvroOrders.truncate;
import static dev.sluice.testing.AvroOrders.withMagic;
import static dev.sluice.testing.Rows.format;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The expression inside Spark: generated code and the interpreted path agree, and each record is decoded once. */
class ConfluentAvroExpressionTest {

    private final SparkSession spark = SparkTestSession.get();
    private final ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(TestConfigs.orderEvent(), V2,
            List.of(new WriterSchema(12, 2, V2), new WriterSchema(7, 1, V1)));

    private List<Row> records() {
        byte[] good = confluent(12, record(V2, "e2", "00:00:02", "u2", "US", "declined", 200));
        org.apache.avro.generic.GenericRecord nan = record(V2, "nan", "00:00:01", "u", "US", "approved", 1);
        nan.put("score", Double.NaN);
        return List.of(kafka(0, good), kafka(1, confluent(7, record(V1, "e1", "00:00:01", "u1", null, "approved", 100))),
                kafka(2, withMagic(good, 3)), kafka(3, truncate(good, 3)), kafka(4, confluent(5, record(V2, "e5", "00:00:05", "u", "FR", "approved", 5))),
                kafka(5, null), kafka(6, confluent(12, nan)));
    }

    /** Over a local relation, Spark evaluates the projection itself at planning time, interpreted. */
    private Dataset<Row> interpreted() {
        return decoder.decode(spark.createDataFrame(records(), KAFKA_SCHEMA));
    }

    /** After a shuffle, the same projection runs in whole-stage generated code. */
    private Dataset<Row> generated() {
        return decoder.decode(spark.createDataFrame(records(), KAFKA_SCHEMA).repartition(1));
    }

    @Test
    void generatedCodeAndTheInterpretedPathGiveTheSameRows() {
        Dataset<Row> generated = generated().drop(KafkaColumns.VALUE, KafkaColumns.KEY);
        List<String> expected = format(interpreted().drop(KafkaColumns.VALUE, KafkaColumns.KEY).collectAsList());
        assertEquals(expected, format(generated.collectAsList()));
        assertEquals(7, expected.size());
        // The adaptive plan's final form, once run: the decode sits in a whole-stage generated stage ("*(n) Project").
        SparkPlan plan = ((AdaptiveSparkPlanExec) generated.queryExecution().executedPlan()).executedPlan();
        assertTrue(plan.find(p -> p instanceof WholeStageCodegenExec && p.treeString().contains("confluent_avro(")).isDefined(),
                plan.treeString());
    }

    @Test
    void filtersAndFieldsDoNotMultiplyTheDecodeOfARecord() {
        // The bench baseline's query: filter on the reason, two fields. A deterministic projection would be inlined
        // into the filter and into each field, decoding a record up to three times.
        Dataset<Row> counted = ConfluentAvroDecoder.events(generated())
                .select(col(EventTypeConfig.EVENT_ID), col(EventTypeConfig.EVENT_TIME)).agg(count(lit(1)));
        String plan = counted.queryExecution().optimizedPlan().treeString();
        assertEquals(1, plan.split("confluent_avro\\(", -1).length - 1, plan);
        assertEquals(2L, counted.first().getLong(0));
    }
}
