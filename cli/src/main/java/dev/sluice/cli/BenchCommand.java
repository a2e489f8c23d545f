package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.bench.BenchComparison;
import dev.sluice.bench.BenchConfig;
import dev.sluice.bench.ComparedRevision;
import dev.sluice.bench.BenchReport;
import dev.sluice.bench.BenchRun;
import dev.sluice.bench.BenchTable;
import dev.sluice.bench.OptionalStep;
import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bin/sluice bench}: throughput, freshness and replay rate of a domain's pipeline against a baseline measured
 * in the same run (dev.sluice.bench.BenchRun). Runs on the environment's services in topics and a database of its
 * own, which it removes afterwards.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = BenchCommand.PlatformDefaults.class,
        description = {"Benchmark a domain's pipeline on the environment's services (the local stack for dev):",
                "preload N events, then measure a bare Spark read+decode+count (baseline), the streaming job's catch-up throughput,",
                "replay rate, the ClickHouse writer alone, and freshness (production -> queryable in ClickHouse) under a steady load.",
                "Prints one table; --out writes it as JSON. Uses its own topics and <database>_bench, removed at the end.",
                "Starts the local stack first (bin/sluice stack up) unless --no-stack."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "Domain to benchmark.")
    String domain;

    @Option(names = "--events", paramLabel = "N", defaultValue = "2000000", description = "Events to preload (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    @Option(names = "--event-time-rate", paramLabel = "X", defaultValue = "1000",
            description = "Preloaded events per second of event time (default ${DEFAULT-VALUE}: 2M events span ~33 minutes).")
    double eventTimeRate;

    @Option(names = "--repeats", paramLabel = "K", defaultValue = "3", description = "Samples of the cheap measurements (baseline, sink); medians are reported.")
    int repeats;

    @Option(names = "--max-offsets-per-trigger", paramLabel = "N",
            description = {"Records per micro-batch per query (default ${DEFAULT-VALUE}, the platform default; the dev overlay's 60000",
                    "only exists so the demo's small backlog spans several batches). Catch-up throughput depends on it."})
    long maxOffsetsPerTrigger;

    @Option(names = "--freshness-load", paramLabel = "F", defaultValue = "0.5", description = "Live rate as a fraction of the measured pipeline rate (default ${DEFAULT-VALUE}).")
    double freshnessLoad;

    @Option(names = "--freshness-duration", paramLabel = "D", defaultValue = "120s", description = "How long live events are produced (default ${DEFAULT-VALUE}).")
    String freshnessDuration;

    @Option(names = "--poll-interval", paramLabel = "D", defaultValue = "200ms", description = "How often ClickHouse is polled for freshness (default ${DEFAULT-VALUE}).")
    String pollInterval;

    @Option(names = "--sink-rows", paramLabel = "N", defaultValue = "200000", description = "Rows per insert when measuring the writer alone (default ${DEFAULT-VALUE}).")
    int sinkRows;

    @Option(names = "--seed", paramLabel = "K", defaultValue = "7", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip", paramLabel = "STEP", split = ",",
            description = "Leave out replay, sink and/or freshness (repeatable or comma-separated) to iterate quickly on the others.")
    java.util.Set<OptionalStep> skip = java.util.EnumSet.noneOf(OptionalStep.class);

    @Option(names = "--no-stack", description = "Do not start the local stack (use the services already configured for the environment).")
    boolean noStack;

    @Option(names = "--keep", description = "Keep the benchmark's topics, database and checkpoints for inspection.")
    boolean keep;

    @Option(names = "--compare", paramLabel = "REF",
            description = {"Also run the same benchmark on git revision REF (branch, tag or commit; built in var/bench-compare/), first,",
                    "in this invocation, and print both results side by side with their ratio."})
    String compare;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events < 1000) {
            throw new IllegalArgumentException("--events must be at least 1000, got " + events);
        }
        if (repeats < 1 || !(eventTimeRate > 0) || !(freshnessLoad > 0 && freshnessLoad <= 2) || sinkRows < 1000) {
            throw new IllegalArgumentException("--repeats >= 1, --event-time-rate > 0, --freshness-load in (0, 2] and --sink-rows >= 1000 are required");
        }
        SluiceConfig config = BenchConfig.withMaxOffsetsPerTrigger(Configs.load(env), maxOffsetsPerTrigger);
        config.domain(domain);
        if (!noStack) {
            // Like the demo: on a fresh machine the benchmark brings up its own local stack (a no-op when it is up).
            int exit = SluiceCli.commandLine().execute("stack", "up");
            if (exit != 0) {
                throw new IllegalStateException("bin/sluice stack up failed (exit " + exit + "); start the services yourself and pass --no-stack");
            }
        }
        BenchRun.Options options = new BenchRun.Options(domain, events, eventTimeRate, repeats, freshnessLoad,
                GenerateCommand.parseDuration("--freshness-duration", freshnessDuration), GenerateCommand.parseDuration("--poll-interval", pollInterval),
                sinkRows, seed, keep, String.join(" ", SluiceCli.class.getAnnotation(Command.class).version()).replace("sluice ", ""),
                skip.isEmpty() ? java.util.EnumSet.noneOf(OptionalStep.class) : java.util.EnumSet.copyOf(skip));
        JsonNode other = null;
        ComparedRevision revision = null;
        if (compare != null) {
            revision = ComparedRevision.prepare(Configs.home(), compare, System.out);
            System.out.printf("bench of %s (%s) first, with the same options%n", compare, revision.shortCommit());
            other = BenchComparison.read(revision.bench(argumentsForTheOtherRevision(), Configs.home().resolve("var/log/bench-compare.log"),
                    System.out));
        }
        BenchReport report = new BenchRun(config, Configs.home(), options, System.out).run();
        System.out.println();
        System.out.print(BenchTable.render(report));
        if (other != null) {
            System.out.println();
            System.out.print(BenchComparison.render(BenchComparison.of(report), "this checkout", other, revision.ref() + " (" + revision.shortCommit() + ")"));
        }
        if (out != null) {
            report.write(out);
            System.out.println("results: " + out.toAbsolutePath());
        }
        return 0;
    }

    /** This invocation's options, minus those that only concern this run (the comparison, the results file, the stack). */
    private List<String> argumentsForTheOtherRevision() {
        List<String> args = new ArrayList<>();
        // The whole command line: what follows this command's name is its own options.
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        for (int i = original.indexOf(spec.name()) + 1; i < original.size(); i++) {
            String arg = original.get(i);
            if (arg.equals("--compare") || arg.equals("--out")) {
                i++;
            } else if (!arg.startsWith("--compare=") && !arg.startsWith("--out=") && !arg.equals("--no-stack")) {
                args.add(arg);
            }
        }
        return args;
    }

    /** --max-offsets-per-trigger defaults to the platform default of spark.maxOffsetsPerTrigger, read from its @Default. */
    static final class PlatformDefaults implements IDefaultValueProvider {

        @Override
        public String defaultValue(ArgSpec argSpec) {
            if (argSpec instanceof OptionSpec option && option.longestName().equals("--max-offsets-per-trigger")) {
                return String.valueOf(ConfigDefaults.of(SparkConfig.class).maxOffsetsPerTrigger());
            }
            return null;
        }
    }
}
