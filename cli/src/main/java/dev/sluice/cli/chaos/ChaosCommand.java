package dev.sluice.cli.chaos;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.stack.PrivateStack;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.run.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The fault loop, for as long as you like: a private stack (its own Kafka, registry and ClickHouse, own ports, under
 * var/chaos), the generator producing at a steady rate, the streaming job running, and every so often a random
 * fault (SIGKILL of the driver, ClickHouse stopped for a while, a Kafka broker restart, the registry stopped for a
 * while). When the generator is done the job is drained (--until-idle) and every reconcilable aggregation is checked
 * window by window against the events the generator sent, recomputed from its manifest.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline under random faults on a private stack, then reconciles every aggregate with what was produced.",
                "Exit code 0 when nothing was lost or counted twice, 1 otherwise."})
public final class ChaosCommand implements Callable<Integer> {

    /** The environment the scratch repository's overlay defines. */
    private static final String ENVIRONMENT = "chaos";

    @Option(names = "--minutes", required = true, paramLabel = "M", description = "How long the generator produces (and faults are injected).")
    double minutes;

    @Option(names = "--domain", defaultValue = "payments", paramLabel = "DOMAIN", description = "Domain to run (default: ${DEFAULT-VALUE}).")
    String domain;

    @Option(names = "--rate", defaultValue = "40", paramLabel = "R", description = "Valid events per second the generator sends (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--fault-every", defaultValue = "25s", paramLabel = "D",
            description = "Average pause between faults, e.g. 25s (default: ${DEFAULT-VALUE}); each pause is 0.5-1.5 times it.")
    String faultEvery;

    @Option(names = "--outage", defaultValue = "30s", paramLabel = "D",
            description = "Longest ClickHouse or registry outage (default: ${DEFAULT-VALUE}); each lasts 1/3 to all of it.")
    String outage;

    @Option(names = "--seed", paramLabel = "K", description = "Seed of the generator and of the fault choices (default: random, printed).")
    Long seed;

    @Option(names = "--keep", description = "Keep the private stack's data and logs (var/chaos/<run>) instead of deleting them.")
    boolean keep;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Path home = Configs.home();
        long runSeed = seed != null ? seed : new Random().nextLong();
        Random random = new Random(runSeed);
        Duration every = dev.sluice.config.Durations.parse(faultEvery);
        Duration longestOutage = dev.sluice.config.Durations.parse(outage);
        long events = Math.max(1, Math.round(rate * minutes * 60));
        Path dir = home.resolve("var").resolve("chaos").resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        say("run %s: %d events at %d/s over %.1f min, a fault every ~%ds, seed %d (repeat with --seed %d)", dir, events, rate, minutes,
                every.toSeconds(), runSeed, runSeed);

        try (PrivateStack stack = PrivateStack.create(home, dir.resolve("stack"), out)) {
            return run(home, dir, stack, random, runSeed, events, every, longestOutage) ? 0 : 1;
        } finally {
            if (!keep) {
                deleteQuietly(dir);
            } else {
                say("kept %s", dir);
            }
        }
    }

    private boolean run(Path home, Path dir, PrivateStack stack, Random random, long runSeed, long events, Duration every,
                        Duration longestOutage) throws Exception {
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        List<String> unplanned = new ArrayList<>();
        stack.start(PrivateStack.Service.values());
        // The stack is private, so the config's topic names and database are used as they are.
        ScratchRepository repository = ScratchRepository.create(home, dir.resolve("repo"), new ScratchRepository.Overlay(ENVIRONMENT,
                "bin/sluice chaos for one run against its private stack", domain,
                new ScratchRepository.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(), stack.clickHouseUrl(), null, stack.redisUrl()),
                Duration.ofSeconds(2), 2000, 2, null));
        for (List<String> step : List.of(List.of("topics", "apply"), List.of("schemas", "register"), List.of("ddl", "apply"))) {
            List<String> arguments = new ArrayList<>(step);
            arguments.addAll(List.of("--env", ENVIRONMENT));
            runToEnd(repository, arguments, "setup.log", Duration.ofMinutes(3));
        }
        Path manifestFile = dir.resolve("manifest.json");
        JobRunner job = new JobRunner(repository);
        try (CliProcess generator = CliProcess.start(repository, List.of("generate", "--env", ENVIRONMENT,
                "--domain", domain, "--events", Long.toString(events), "--rate", Integer.toString(rate), "--seed", Long.toString(runSeed),
                "--late-fraction", "0.01", "--late-max-delay", "3m", "--malformed-fraction", "0.002", "--quiet",
                "--manifest", manifestFile.toString()), repository.logs().resolve("generate.log"))) {
            say("generator started (pid %d)", generator.pid());
            job.start();
            Instant nextFault = Instant.now().plus(pause(random, every));
            while (generator.isAlive()) {
                if (!job.alive()) {
                    unplanned.add(job.exitedOnItsOwn());
                    job.start();
                }
                if (Instant.now().isAfter(nextFault)) {
                    Fault fault = Fault.values()[random.nextInt(Fault.values().length)];
                    inject(fault, stack, job, random, longestOutage);
                    injected.merge(fault, 1, Integer::sum);
                    nextFault = Instant.now().plus(pause(random, every));
                }
                Thread.sleep(500);
            }
            if (generator.exitValue() != 0) {
                say("the generator failed (exit %d); see %s:%n%s", generator.exitValue(), generator.log(), generator.tail(20));
                return false;
            }
        } finally {
            job.kill(); // before the stack stops under it
        }
        say("generator done; draining: the job runs until idle");
        stack.start(PrivateStack.Service.values());
        CliProcess drain = CliProcess.start(repository, List.of("run", "--env", ENVIRONMENT, "--domain", domain,
                "--until-idle", "--idle-triggers", "3"), repository.logs().resolve("job-drain.log"));
        int exit = drain.awaitExit(Duration.ofMinutes(15));
        if (exit != 0) {
            say("the draining run failed (exit %d); see %s:%n%s", exit, drain.log(), drain.tail(30));
            return false;
        }
        return summarize(repository, Manifest.read(manifestFile), injected, unplanned);
    }

    /** The job as a child JVM that faults may kill; restarted with the same arguments. */
    private final class JobRunner {
        private final ScratchRepository repository;
        private CliProcess process;
        private int starts;

        JobRunner(ScratchRepository repository) {
            this.repository = repository;
        }

        void start() {
            starts++;
            process = CliProcess.start(repository, List.of("run", "--env", ENVIRONMENT, "--domain", domain),
                    repository.logs().resolve("job-" + starts + ".log"));
            say("job started (pid %d, log %s)", process.pid(), process.log());
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        void kill() {
            if (process != null && process.isAlive()) {
                process.kill();
            }
        }

        String exitedOnItsOwn() {
            String what = String.format("job pid %d exited on its own with code %d (%s)", process.pid(), process.exitValue(), process.log());
            say("%s; last lines:%n%s", what, process.tail(15));
            return what;
        }
    }

    private void inject(Fault fault, PrivateStack stack, JobRunner job, Random random, Duration longestOutage) throws InterruptedException {
        Duration outageLength = Duration.ofMillis(longestOutage.toMillis() / 3 + (long) (random.nextDouble() * longestOutage.toMillis() * 2 / 3));
        say("FAULT %s", fault.description);
        switch (fault) {
            case KILL_DRIVER -> {
                job.kill();
                Thread.sleep(random.nextInt(3000));
                job.start();
            }
            case CLICKHOUSE_OUTAGE -> {
                stack.stop(PrivateStack.Service.CLICKHOUSE);
                say("ClickHouse down for %d s", outageLength.toSeconds());
                Thread.sleep(outageLength.toMillis());
                stack.start(PrivateStack.Service.CLICKHOUSE);
            }
            case KAFKA_RESTART -> {
                stack.stop(PrivateStack.Service.KAFKA);
                stack.start(PrivateStack.Service.KAFKA);
            }
            case REGISTRY_OUTAGE -> {
                stack.stop(PrivateStack.Service.REGISTRY);
                say("registry down for %d s", outageLength.toSeconds());
                Thread.sleep(outageLength.toMillis());
                stack.start(PrivateStack.Service.REGISTRY);
            }
        }
    }

    private boolean summarize(ScratchRepository repository, Manifest manifest, Map<Fault, Integer> injected, List<String> unplanned) {
        SluiceConfig config = repository.load();
        DomainConfig domainConfig = config.domain(domain);
        List<CountReconciler.Result> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (ClickHouseConnection clickHouse = ClickHouseConnection.open(config.platform().clickhouse())) {
            CountReconciler reconciler = CountReconciler.forManifest(domainConfig, manifest, clickHouse, clickHouse.database());
            for (AggregationConfig aggregation : domainConfig.aggregations().values()) {
                Optional<String> why = CountReconciler.notReconcilable(aggregation);
                if (why.isPresent()) {
                    skipped.add(aggregation.name() + " (" + why.get() + ")");
                } else {
                    results.add(reconciler.reconcile(aggregation));
                }
            }
        }
        out.println();
        out.println("chaos summary");
        int faults = injected.values().stream().mapToInt(Integer::intValue).sum();
        out.printf("  faults injected:   %d  %s%n", faults, injected);
        out.printf("  unplanned exits:   %d%s%n", unplanned.size(), unplanned.isEmpty() ? "" : "  " + unplanned);
        out.printf("  events produced:   %,d valid + %,d malformed (%,d delivered late)%n", manifest.validEvents(), manifest.malformedEvents(),
                manifest.lateEvents());
        long lost = 0;
        long duplicated = 0;
        boolean problems = false;
        for (CountReconciler.Result r : results) {
            out.printf("  %s: produced %,d = aggregated %,d + late %,d + dead letters %,d -> reconciled %,d; windows exact %d/%d; lost %,d, duplicated %,d%n",
                    r.aggregation(), r.produced(), r.aggregated(), r.late(), r.deadLetters(), r.reconciled(), r.exactWindows(), r.windows(),
                    r.lost(), r.duplicated());
            r.problems().forEach(p -> out.println("      ! " + p));
            lost += r.lost();
            duplicated += r.duplicated();
            problems |= !r.problems().isEmpty() || r.produced() != r.reconciled();
        }
        if (!skipped.isEmpty()) {
            out.println("  not reconciled by counts: " + String.join(", ", skipped));
        }
        out.printf("  lost: %,d   duplicated: %,d%n", lost, duplicated);
        boolean ok = lost == 0 && duplicated == 0 && !problems && unplanned.isEmpty() && !results.isEmpty();
        out.println(ok ? "chaos: PASS" : "chaos: FAIL");
        out.flush();
        return ok;
    }

    private void runToEnd(ScratchRepository repository, List<String> arguments, String log, Duration timeout) {
        CliProcess process = CliProcess.start(repository, arguments, repository.logs().resolve(log));
        int exit = process.awaitExit(timeout);
        if (exit != 0) {
            throw new IllegalStateException("`sluice " + String.join(" ", arguments) + "` failed (exit " + exit + "):\n" + process.tail(20));
        }
    }

    private static Duration pause(Random random, Duration every) {
        return Duration.ofMillis((long) (every.toMillis() * (0.5 + random.nextDouble())));
    }

    private void say(String format, Object... args) {
        out.printf("[%s] %s%n", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.now()),
                String.format(format, args));
        out.flush();
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
