package dev.sluice.spark;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.LoadedConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SluiceHome;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.metrics.MetricsServer;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.observe.JobConsole;
import dev.sluice.observe.MeteredBatchSink;
import dev.sluice.observe.MeteredClickHouseWriter;
import dev.sluice.observe.QueryProgressMetrics;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.ClickHouseBatchSink;
import dev.sluice.sink.online.FeatureStoreSinks;
import dev.sluice.sink.online.OnlineSinks;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The streaming job of one domain: {@code spark-submit --class dev.sluice.spark.StreamingJobMain <spark-app jar>
 * --env E --domain D [--aggregation A]... [--until-idle]} (bin/sluice run does the same in-process). Reads the
 * repository's config (SLUICE_HOME or the working directory's ancestors), starts one query per aggregation and
 * supervises them ({@link StreamingJob}).
 */
public final class StreamingJobMain {

    private StreamingJobMain() {
    }

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        Path home = SluiceHome.resolve();
        LoadedConfig loaded = ConfigLoader.forRepository(home).loadWithSecrets(arguments.env());
        SluiceConfig config = loaded.config();
        DomainConfig domain = config.domain(arguments.domain());
        JobPlanner.selected(domain, arguments.aggregations());

        SparkSession spark = JobSparkConf.session("sluice-" + config.environment() + "-" + domain.name(), config.platform().spark(),
                config.platform().kafka(), loaded.masker());
        PipelineMetrics metrics = PipelineMetrics.create();
        Optional<MetricsServer> metricsServer = metrics.serve(config.platform().metrics());
        // Progress log line per batch per query, and the queries' metrics; the console view is fed the same batches.
        QueryProgressMetrics progress = QueryProgressMetrics.forConfig(metrics, config);
        spark.streams().addListener(progress);
        JobConsole console = null;
        boolean online = JobPlanner.selected(domain, arguments.aggregations()).stream().anyMatch(a -> a.online() != null);
        try (ClickHouseBatchSink clickHouse = ClickHouseBatchSink.open(config.platform().clickhouse(),
                writer -> new MeteredClickHouseWriter(writer, metrics.sink()));
             // The validator has made sure platform.redis exists when an aggregation is online.
             FeatureStoreSinks features = online ? FeatureStoreSinks.open(config.platform().redis(), metrics.online()) : null) {
            BatchSink sink = new MeteredBatchSink(clickHouse, metrics);
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
            List<AggregationQuery> queries = new JobPlanner(config, home, spark, registry, sink, features == null ? OnlineSinks.NONE : features)
                    .plan(domain, arguments.aggregations());
            List<String> names = queries.stream().map(AggregationQuery::name).toList();
            System.out.println("stream " + domain.name() + ": " + names.size() + (names.size() == 1 ? " query" : " queries") + " ("
                    + queries.stream().map(q -> q.name().substring(domain.name().length() + 1)).collect(Collectors.joining(", ")) + ")"
                    + metricsServer.map(m -> "; metrics at http://127.0.0.1:" + m.port() + "/metrics").orElse("")
                    + (arguments.untilIdle() ? "; stops once everything in Kafka is processed" : "; Ctrl-C stops it"));
            console = JobConsole.start(names);
            spark.streams().addListener(console);
            progress.observe(console);
            // Idle checks a trigger interval apart: N idle checks then mean N idle triggers.
            Duration shortestTrigger = queries.stream().map(AggregationQuery::trigger).min(Duration::compareTo).orElse(Duration.ofSeconds(1));
            StreamingJob.Settings settings = arguments.untilIdle()
                    ? StreamingJob.Settings.untilIdle(arguments.idleTriggers(), shortestTrigger)
                    : StreamingJob.Settings.continuous();
            new StreamingJob(spark, queries, settings).run();
        } finally {
            if (console != null) {
                console.close();
            }
            metricsServer.ifPresent(MetricsServer::close);
            spark.stop();
        }
    }
}
