package dev.sluice.bench;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.WriterSchema;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.AggregationStream;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.avro.functions.to_avro;
import static org.apache.spark.sql.functions.*;

/**
 * Throughput of the compiled plans on synthetic data, batch mode, local[2]: not a unit test (run it by hand:
 * {@code java -cp ... dev.sluice.bench.AggregationBenchmark [events] [domain] [aggregation]}).
 * Measures (1) compile + aggregate of decoded events, (2) decode of Confluent-framed Avro + aggregate, and (3) the
 * job's full per-batch plan (decode, aggregate, union with the input records, persisted as the batch writer does).
 */
public final class AggregationBenchmark {

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        String domainName = args.length > 1 ? args[1] : "payments";
        String aggregationName = args.length > 2 ? args[2] : "merchant_fraud_5m";
        SluiceConfig config = ConfigLoader.forRepository(Path.of(System.getProperty("sluice.home", "."))).allowingMissingSecrets().load("dev");
        DomainConfig domain = config.domain(domainName);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("bench")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                // Streaming micro-batches run without adaptive execution; measure the same plans.
                .config("spark.sql.adaptive.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");

        CompiledAggregation compiled = new AggregationCompiler().compile(domain, domain.aggregations().get(aggregationName));
        EventTypeConfig event = compiled.event();
        Dataset<Row> decoded = synthetic(spark, event, events).persist(StorageLevel.MEMORY_ONLY());
        decoded.count();
        Schema schema = EventSchemas.schemaFor(domain, event);
        Dataset<Row> kafka = decoded.select(
                lit(null).cast("binary").as("key"),
                concat(unhex(lit("0000000007")), to_avro(struct(decoded.columns()[0], rest(decoded.columns())), schema.toString())).as("value"),
                lit(event.topic()).as("topic"), lit(0).as("partition"), monotonically_increasing_id().as("offset"),
                current_timestamp().as("timestamp"), lit(0).as("timestampType")).persist(StorageLevel.MEMORY_ONLY());
        kafka.count();
        ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(event, schema, List.of(new WriterSchema(7, 1, schema)));

        for (int round = 0; round < 3; round++) {
            report("aggregate decoded events", events, () -> compiled.apply(decoded).write().format("noop").mode("overwrite").save());
            report("decode + aggregate", events, () -> compiled.apply(ConfluentAvroDecoder.events(decoder.decode(kafka)))
                    .write().format("noop").mode("overwrite").save());
            report("job batch plan (decode, aggregate, union records, persist)", events, () -> {
                Dataset<Row> batch = AggregationStream.build(kafka, decoder, compiled).persist(StorageLevel.MEMORY_AND_DISK());
                batch.count();
                batch.unpersist(true);
            });
        }
        spark.stop();
    }

    private static String[] rest(String[] columns) {
        String[] rest = new String[columns.length - 1];
        System.arraycopy(columns, 1, rest, 0, rest.length);
        return rest;
    }

    private static void report(String what, long events, Runnable run) {
        long start = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-60s %,d events in %.2f s = %,.0f events/s%n", what, events, seconds, events / seconds);
    }

    /** Decoded events of the event type with plausible values: ids from a pool, times over one hour, enums cycling. */
    static Dataset<Row> synthetic(SparkSession spark, EventTypeConfig event, long count) {
        Column id = col("id");
        List<Column> columns = new ArrayList<>();
        columns.add(concat(lit("e"), id.cast("string")).as(EventTypeConfig.EVENT_ID));
        columns.add(timestamp_millis(lit(1_704_067_200_000L).plus(id.multiply(3_600_000L).divide(count).cast("long"))).as(EventTypeConfig.EVENT_TIME));
        int i = 0;
        for (FieldConfig field : event.fields()) {
            i++;
            Column value = switch (field.type()) {
                case STRING -> concat(lit(field.name() + "_"), pmod(id.multiply(7919 + i), lit(5000)).cast("string"));
                case ENUM -> element_at(array(field.symbols().stream().map(s -> lit(s)).toArray(Column[]::new)),
                        pmod(id.plus(i), lit(field.symbols().size())).plus(1).cast("int"));
                case INT -> pmod(id, lit(40)).cast("int");
                case LONG, MONEY -> pmod(id.multiply(31), lit(100_000)).cast("long");
                case DOUBLE -> rand(i);
                case BOOLEAN -> pmod(id, lit(50)).equalTo(0);
                case TIMESTAMP -> timestamp_millis(lit(1_704_067_200_000L).plus(id));
            };
            if (field.optional()) {
                value = when(pmod(id, lit(3)).equalTo(0), lit(null)).otherwise(value);
            }
            columns.add(value.as(field.name()));
        }
        return spark.range(count).repartition(2).select(columns.toArray(Column[]::new));
    }
}
