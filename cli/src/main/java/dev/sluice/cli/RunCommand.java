package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.spark.JobPlanner;
import org.apache.spark.deploy.SparkSubmit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a domain's streaming job through {@code org.apache.spark.deploy.SparkSubmit} IN THIS JVM: bin/sluice already
 * starts Java with the opens Spark needs and with Spark, the Kafka source and spark-avro on the classpath, so a child
 * JVM would only add start-up time and a second classpath to keep right. SparkSubmit with the "spark-internal"
 * resource loads the main class from this classpath. On a cluster, submit the spark-app jar with the same class and
 * arguments instead.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a domain's streaming job (one query per aggregation) with the spark.master of the config.")
public final class RunCommand implements Callable<Integer> {

    static final String MAIN_CLASS = "dev.sluice.spark.StreamingJobMain";

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Domain whose aggregations to run.")
    String domain;

    @Option(names = "--aggregation", paramLabel = "NAME", description = "Only this aggregation (repeatable); default: all.")
    List<String> aggregations = List.of();

    @Option(names = "--until-idle", description = "Stop each query once it has processed all data available in Kafka, then exit.")
    boolean untilIdle;

    @Option(names = "--idle-triggers", defaultValue = "3", paramLabel = "N",
            description = "With --until-idle: consecutive idle triggers that mean 'done' (default: ${DEFAULT-VALUE}).")
    int idleTriggers;

    @Override
    public Integer call() {
        SluiceConfig config = ConfigLoader.forRepository(Configs.home()).load(env.name());
        JobPlanner.selected(config.domain(domain), aggregations); // fail here, before Spark starts, on a wrong name
        SparkSubmit.main(submitArguments(config).toArray(String[]::new));
        return 0;
    }

    List<String> submitArguments(SluiceConfig config) {
        List<String> args = new ArrayList<>(List.of(
                "--master", config.platform().spark().master(),
                "--name", "sluice-" + env.name() + "-" + domain,
                "--class", MAIN_CLASS,
                "spark-internal",
                "--env", env.name(),
                "--domain", domain));
        for (String aggregation : aggregations) {
            args.add("--aggregation");
            args.add(aggregation);
        }
        if (untilIdle) {
            args.add("--until-idle");
            args.add("--idle-triggers");
            args.add(String.valueOf(idleTriggers));
        }
        return args;
    }
}
