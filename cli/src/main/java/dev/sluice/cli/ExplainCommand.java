package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.compile.AggregationCompiler;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.spark.JobPlanner;
import dev.sluice.spark.JobSparkConf;
import dev.sluice.spark.QueryExplainer;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show how each aggregation of a domain is compiled into a Spark query: source, decode, watermark, dedupe, window, "
                + "group-by, filter, measures as Spark expressions, output mode, trigger, checkpoint, table, and Spark's plans. "
                + "Needs no running service.")
public final class ExplainCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Domain to explain.")
    String domain;

    @Option(names = "--aggregation", paramLabel = "NAME", description = "Only this aggregation (repeatable); default: all of the domain's.")
    List<String> aggregations = List.of();

    @Override
    public Integer call() {
        Path home = Configs.home();
        // Explaining needs no credentials: a laptop can explain prod's queries.
        SluiceConfig config = ConfigLoader.forRepository(home).allowingMissingSecrets().load(env.name());
        DomainConfig domainConfig = config.domain(domain);
        List<AggregationConfig> selected = JobPlanner.selected(domainConfig, aggregations);
        SparkSession spark = SparkSession.builder().master("local[1]").appName("sluice-explain")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                // Micro-batches run without adaptive execution; show the plan they get.
                .config("spark.sql.adaptive.enabled", "false")
                .config("spark.sql.shuffle.partitions", JobSparkConf.of(config.platform().spark()).get("spark.sql.shuffle.partitions"))
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            QueryExplainer explainer = new QueryExplainer(spark, config, home);
            AggregationCompiler compiler = new AggregationCompiler();
            for (AggregationConfig aggregation : selected) {
                System.out.println(explainer.explain(compiler.compile(domainConfig, aggregation)));
            }
        } finally {
            spark.stop();
        }
        return 0;
    }
}
