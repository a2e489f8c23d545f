package dev.sluice.bench;

import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.observe.MeteredBatchSink;
import dev.sluice.observe.MeteredClickHouseWriter;
import dev.sluice.observe.QueryProgressMetrics;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.ClickHouseBatchSink;
import dev.sluice.spark.AggregationQuery;
import dev.sluice.spark.JobPlanner;
import dev.sluice.spark.StreamingJob;
import org.apache.spark.sql.SparkSession;

import java.time.Duration;
import java.util.List;

/**
 * The domain's streaming job wired as {@code StreamingJobMain} wires it (ClickHouse sink with metered writer and
 * batch sink, progress metrics listener, registry writer schemas, one query per aggregation), minus the HTTP
 * metrics endpoint. Keep in step with StreamingJobMain: the benchmark must measure the job users run.
 */
final class BenchPipeline implements AutoCloseable {

    private final SparkSession spark;
    private final BenchSandbox sandbox;
    private final ClickHouseBatchSink clickHouse;
    private final BatchSink sink;
    private final HttpSchemaRegistryClient registry;
    private final QueryProgressMetrics progressMetrics;

    BenchPipeline(SparkSession spark, BenchSandbox sandbox) {
        this.spark = spark;
        this.sandbox = sandbox;
        SluiceConfig config = sandbox.config();
        PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
        this.progressMetrics = QueryProgressMetrics.forConfig(metrics, config);
        spark.streams().addListener(progressMetrics);
        this.clickHouse = ClickHouseBatchSink.open(config.platform().clickhouse(), writer -> new MeteredClickHouseWriter(writer, metrics.sink()));
        this.sink = new MeteredBatchSink(clickHouse, metrics);
        this.registry = new HttpSchemaRegistryClient(config.platform().registry());
    }

    HttpSchemaRegistryClient registry() {
        return registry;
    }

    BatchSink sink() {
        return sink;
    }

    /** Fresh queries (a query object can be started once per run of the job). */
    List<AggregationQuery> queries() {
        return new JobPlanner(sandbox.config(), sandbox.home(), spark, registry, sink).plan(sandbox.domain(), List.of());
    }

    static Duration shortestTrigger(List<AggregationQuery> queries) {
        return queries.stream().map(AggregationQuery::trigger).min(Duration::compareTo).orElse(Duration.ofSeconds(1));
    }

    StreamingJob job(List<AggregationQuery> queries, StreamingJob.Settings settings) {
        return new StreamingJob(spark, queries, settings);
    }

    @Override
    public void close() {
        spark.streams().removeListener(progressMetrics);
        clickHouse.close();
    }
}
