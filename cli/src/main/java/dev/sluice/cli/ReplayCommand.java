package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.SluiceConfig;
import dev.sluice.replay.ReplayArguments;
import dev.sluice.spark.JobPlanner;
import org.apache.spark.deploy.SparkSubmit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Batch replay and backfill through SparkSubmit in this JVM, like {@link RunCommand}; on a cluster, submit the
 * spark-app jar with {@code --class dev.sluice.replay.ReplayJobMain} and the same arguments.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Recompute a domain's aggregations over a range of Kafka data as a Spark batch job and replace their windows in ClickHouse.",
                "Only windows entirely inside [--from, --to) are written; windows that straddle a bound keep what the streaming job wrote.",
                "Also a backfill: a newly added aggregation replayed over the retained history (the default range)."})
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Domain to replay.")
    String domain;

    @Option(names = "--aggregation", paramLabel = "NAME", description = "Only this aggregation (repeatable); default: all.")
    List<String> aggregations = List.of();

    @Option(names = "--from", paramLabel = "T", description = "Event-time start of the windows to replace (inclusive): ISO-8601, epoch ms, now-2h or earliest (default).")
    String from;

    @Option(names = "--to", paramLabel = "T", description = "Event-time end of the windows to replace (exclusive): ISO-8601, epoch ms, now or latest (default).")
    String to;

    @Option(names = "--kafka-from", paramLabel = "T", description = "Read Kafka records from this record timestamp (default: earliest retained).")
    String kafkaFrom;

    @Option(names = "--kafka-to", paramLabel = "T", description = "Read Kafka records up to this record timestamp (default: latest now).")
    String kafkaTo;

    @Option(names = "--include-late", description = "Also count events the streaming job set aside as late (default: leave them out, reproducing the streaming results).")
    boolean includeLate;

    @Option(names = "--dry-run", description = "Compute and show which tables and windows would change; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        SluiceConfig config = Configs.load(env);
        JobPlanner.selected(config.domain(domain), aggregations);
        List<String> jobArguments = jobArguments();
        ReplayArguments.parse(jobArguments.toArray(String[]::new), Clock.systemUTC()); // bad times fail here, before Spark starts
        List<String> submit = new ArrayList<>(List.of(
                "--master", config.platform().spark().master(),
                "--name", "sluice-replay-" + env.name() + "-" + domain,
                "--class", "dev.sluice.replay.ReplayJobMain",
                "spark-internal"));
        submit.addAll(jobArguments);
        SparkSubmit.main(submit.toArray(String[]::new));
        return 0;
    }

    List<String> jobArguments() {
        List<String> args = new ArrayList<>(List.of("--env", env.name(), "--domain", domain));
        aggregations.forEach(a -> args.addAll(List.of("--aggregation", a)));
        addIfSet(args, "--from", from);
        addIfSet(args, "--to", to);
        addIfSet(args, "--kafka-from", kafkaFrom);
        addIfSet(args, "--kafka-to", kafkaTo);
        if (includeLate) {
            args.add("--include-late");
        }
        if (dryRun) {
            args.add("--dry-run");
        }
        return args;
    }

    private static void addIfSet(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }
}
