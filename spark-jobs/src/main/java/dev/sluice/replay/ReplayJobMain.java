package dev.sluice.replay;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.LoadedConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SluiceHome;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.sink.ClickHouseBatchSink;
import dev.sluice.sink.online.FeatureStoreSinks;
import dev.sluice.sink.online.OnlineSinks;
import dev.sluice.spark.JobPlanner;
import dev.sluice.spark.JobSparkConf;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.topics.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Batch replay of a domain's aggregations over a range of Kafka data: {@code spark-submit --class
 * dev.sluice.replay.ReplayJobMain <spark-app jar> --env E --domain D [--aggregation A]... [--from T] [--to T] ...}
 * (bin/sluice replay does the same in-process). Prints progress while it runs and a summary at the end.
 */
public final class ReplayJobMain {

    private ReplayJobMain() {
    }

    public static void main(String[] args) {
        ReplayArguments arguments = ReplayArguments.parse(args, Clock.systemUTC());
        LoadedConfig loaded = ConfigLoader.forRepository(SluiceHome.resolve()).loadWithSecrets(arguments.env());
        SluiceConfig config = loaded.config();
        DomainConfig domain = config.domain(arguments.domain());
        List<AggregationConfig> aggregations = JobPlanner.selected(domain, arguments.aggregations());
        PrintStream out = System.out;
        out.printf("replay %s (%s): %s%s%s%n", domain.name(), config.environment(), arguments.range().describeWindows(),
                arguments.includeLate() ? ", late events included" : ", late events left out (as the streaming job did)",
                arguments.dryRun() ? " - DRY RUN, nothing is written" : "");

        SparkSession spark = JobSparkConf.session("sluice-replay-" + config.environment() + "-" + domain.name(), config.platform().spark(),
                config.platform().kafka(), loaded.masker());
        long started = System.nanoTime();
        try (Admin admin = KafkaAdmins.create(config.platform().kafka());
             ClickHouseConnection clickhouse = ClickHouseConnection.open(config.platform().clickhouse());
             ClickHouseBatchSink sink = ClickHouseBatchSink.open(config.platform().clickhouse(), UnaryOperator.identity());
             FeatureStoreSinks features = aggregations.stream().anyMatch(a -> a.online() != null)
                     ? FeatureStoreSinks.open(config.platform().redis(), PipelineMetrics.create().online()) : null) {
            ReplayJob job = new ReplayJob(spark, config, admin, new HttpSchemaRegistryClient(config.platform().registry()), sink, clickhouse,
                    new ReplayJob.Options(arguments.range(), arguments.includeLate(), arguments.dryRun()), out,
                    features == null ? OnlineSinks.NONE : features);
            List<ReplayJob.Outcome> outcomes = job.run(domain, aggregations);
            new ReplaySummary(outcomes, arguments.dryRun(), (System.nanoTime() - started) / 1e9).print(out);
        } finally {
            spark.stop();
        }
    }
}
