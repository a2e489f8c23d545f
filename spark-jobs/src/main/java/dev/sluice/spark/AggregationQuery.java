package dev.sluice.spark;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.WriterSchema;
import dev.sluice.decode.WriterSchemaSource;
import dev.sluice.sink.AggregationStream;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.BatchWatermarks;
import dev.sluice.sink.BatchWriter;
import dev.sluice.sink.SinkTables;
import dev.sluice.sink.online.OnlineSink;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One aggregation's streaming query: source, decode, compile, union with its records, foreachBatch into the sink,
 * under its own checkpoint. {@link #start} builds the plan from the writer schemas registered at that moment, so
 * restarting picks up versions registered since.
 *
 * @param name       query name, {@code <domain>.<aggregation>} (unique in the job, shown in logs and the ledger)
 * @param source     the Kafka source (a fresh streaming DataFrame per start; tests pass a MemoryStream)
 * @param trigger    processing-time trigger interval (0: next batch as soon as the previous one is done)
 * @param online     where the batch's newest windows per entity go besides ClickHouse ({@link OnlineSink#NONE}: nowhere)
 */
public record AggregationQuery(
        String name,
        CompiledAggregation aggregation,
        Supplier<Dataset<Row>> source,
        Schema readerSchema,
        WriterSchemaSource writerSchemas,
        BatchSink sink,
        SinkTables tables,
        String checkpointLocation,
        Duration trigger,
        OnlineSink online) {

    /** Without online features. */
    public AggregationQuery(String name, CompiledAggregation aggregation, Supplier<Dataset<Row>> source, Schema readerSchema,
                            WriterSchemaSource writerSchemas, BatchSink sink, SinkTables tables, String checkpointLocation, Duration trigger) {
        this(name, aggregation, source, readerSchema, writerSchemas, sink, tables, checkpointLocation, trigger, OnlineSink.NONE);
    }

    public OutputMode outputMode() {
        return switch (aggregation.config().outputMode()) {
            case APPEND -> OutputMode.Append();
            case UPDATE -> OutputMode.Update();
        };
    }

    /** The same query on another trigger interval (the benchmark's low-latency run). */
    public AggregationQuery withTrigger(Duration interval) {
        return new AggregationQuery(name, aggregation, source, readerSchema, writerSchemas, sink, tables, checkpointLocation, interval);
    }

    /** Refuses a checkpoint started with another definition of the aggregation; records it on first use. */
    public void verifyCheckpoint(SparkSession spark) {
        CheckpointGuard.verifyOrRecord(spark, this);
    }

    public StreamingQuery start(SparkSession spark) throws TimeoutException {
        List<WriterSchema> writers = writerSchemas.forPlan();
        ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(aggregation.event(), readerSchema, writers);
        Dataset<Row> plan = AggregationStream.build(source.get(), decoder, aggregation);
        BatchWriter writer = new BatchWriter(aggregation, name, tables, sink, new BatchWatermarks(spark, checkpointLocation), writers,
                writerSchemas, online);
        return plan.writeStream()
                .queryName(name)
                .outputMode(outputMode())
                .trigger(Trigger.ProcessingTime(trigger.toMillis()))
                .option("checkpointLocation", checkpointLocation)
                .foreachBatch(writer)
                .start();
    }
}
