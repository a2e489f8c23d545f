package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.shared.Output;
import dev.sluice.metrics.GeneratorMetrics;
import dev.sluice.metrics.MetricsServer;
import java.util.Optional;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.Durations;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorConfigException;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.MalformedRecordFactory;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.kafka.RegistrySchemaIds;
import dev.sluice.generate.kafka.Topics;
import dev.sluice.generate.run.DiscardingSink;
import dev.sluice.generate.run.GenerateRun;
import dev.sluice.generate.run.Manifest;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.registry.RegistryException;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.topics.TopicsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {GenerateVerifyCommand.class},
        description = {"Produce realistic synthetic events for a domain to its topics, driven entirely by config/domains/<domain>.yaml:",
                "entity pools shared across streams, sessions following the funnel, diurnal density, heavy-tailed amounts, fraud",
                "patterns, and on request late events, malformed records and a mix of schema versions.",
                "",
                "Modes: --events N (exactly N valid events, then exit); --rate R [--duration D] (R events/s); neither: until Ctrl-C.",
                "Reproducible: --seed K --start-time T gives byte-identical messages on every run (see the manifest's sha256).",
                "Without --start-time the start is now rounded down to the minute, so only ids and values repeat, not times."})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Domain to generate (a config/domains/*.yaml name).")
    String domain;

    @Option(names = "--events", paramLabel = "N", description = "Produce exactly N valid events in total over the domain's topics, then flush and exit.")
    Long events;

    @Option(names = "--rate", paramLabel = "R", description = "Limit to R events per second (wall clock); event times then follow the clock.")
    Double rate;

    @Option(names = "--duration", paramLabel = "D", description = "Stop after D (e.g. 60s, 5m; a bare number is seconds).")
    String duration;

    @Option(names = "--seed", paramLabel = "K", description = "Seed of every random choice (default: random, printed and written to the manifest).")
    Long seed;

    @Option(names = "--start-time", paramLabel = "T", description = {"Event time of the first arrival: ISO-8601 (2026-03-02T10:00:00Z), epoch millis,",
            "'now', or relative to now ('-2h', '-30m'). Default: now rounded down to the minute (with --rate: now)."})
    String startTime;

    @Option(names = "--event-time-rate", paramLabel = "X", description = {"Average events per second of event time",
            "(default: --rate when given, else " + GeneratorOptions.DEFAULT_EVENT_TIME_RATE + ": 100k events span ~17 minutes)."})
    Double eventTimeRate;

    @Option(names = "--diurnal-amplitude", paramLabel = "A", description = "Day/night swing of event-time density, 0..0.95 (default 0.6; 0 with --rate).")
    Double diurnalAmplitude;

    @Option(names = "--late-fraction", paramLabel = "F", defaultValue = "0", description = "Share of valid events delivered late (out of order). Default 0.")
    double lateFraction;

    @Option(names = "--late-max-delay", paramLabel = "D", defaultValue = "10m", description = "Largest delivery delay of a late event. Default 10m.")
    String lateMaxDelay;

    @Option(names = "--late-distribution", paramLabel = "DIST", defaultValue = "exponential",
            description = "exponential (mean max/4, truncated at max) or uniform. Default exponential.")
    GeneratorOptions.LateDistribution lateDistribution;

    @Option(names = "--malformed-fraction", paramLabel = "F", defaultValue = "0", description = {"Malformed records per valid event, IN ADDITION to the valid ones:",
            "bad magic byte, truncated Avro and unknown schema id, evenly mixed. Default 0."})
    double malformedFraction;

    @Option(names = "--old-schema-fraction", paramLabel = "F", defaultValue = "" + GeneratorOptions.DEFAULT_OLD_SCHEMA_FRACTION,
            description = "Share of events written with an older schema version when an event has several. Default 0.2.")
    double oldSchemaFraction;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Write a JSON manifest: counts per topic, late/malformed/fraud, event-time range, seed, versions, digests, offsets.")
    Path manifest;

    @Option(names = "--benchmark", description = "Measure and print events/s (a) for generation + encoding alone, then (b) to Kafka. Needs --events.")
    boolean benchmark;

    @Option(names = "--compression", paramLabel = "CODEC", defaultValue = "lz4", description = "Producer compression: lz4, zstd, snappy, gzip, none. Default lz4.")
    String compression;

    @Option(names = "--producer-property", paramLabel = "KEY=VALUE", description = "Extra producer property (repeatable); wins over config and defaults.")
    Map<String, String> producerProperties = new LinkedHashMap<>();

    @Option(names = "--create-topics", description = "Create missing topics as configured (like 'bin/sluice topics apply') instead of failing.")
    boolean createTopics;

    @Option(names = "--register-schemas", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Register missing schema versions (idempotent, like 'bin/sluice schemas register'). Default on; --no-register-schemas only looks them up.")
    boolean registerSchemas;

    @Option(names = "--progress-interval", paramLabel = "D", defaultValue = "2s",
            description = "How often the progress line on stderr is redrawn on a terminal (default 2s); a file or CI log gets one at most every 10 s.")
    String progressInterval;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the generator's Prometheus metrics here (default: platform.metrics.port + 1 when metrics are enabled).")
    Integer metricsPort;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The run in progress, for the Ctrl-C hook. */
    private volatile GenerateRun current;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintStream err = System.err;
        if (domain == null) {
            throw new IllegalArgumentException("--domain is required, e.g. bin/sluice generate --domain payments --events 100000");
        }
        if (benchmark && events == null) {
            throw new IllegalArgumentException("--benchmark needs --events N (e.g. --events 2000000)");
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be a positive number of events per second, got " + rate);
        }
        SluiceConfig config = Configs.load(env);
        DomainConfig domainConfig = config.domain(domain);
        // Ctrl-C stops producing; the hook then waits for this method to flush, print and write the manifest,
        // because the JVM halts as soon as its shutdown hooks return.
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            GenerateRun run = current;
            if (run != null) {
                run.requestStop();
            }
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-generate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            GeneratorPlan plan = GeneratorPlan.compile(domainConfig);
            WriterSchemas schemas = WriterSchemas.load(plan, SchemaFiles.inRepository(Configs.home()).root());
            schemas.warnings().forEach(w -> err.println("warning: " + w));
            boolean seeded = seed != null;
            long effectiveSeed = seeded ? seed : new SecureRandom().nextLong();
            Instant start = parseStart(startTime, rate != null);
            GeneratorOptions options = options(effectiveSeed, start);
            Duration runFor = duration == null ? null : parseDuration("--duration", duration);
            Duration interval = parseDuration("--progress-interval", progressInterval);
            printReproduction(out, seeded, effectiveSeed, start);

            if (benchmark) {
                Map<String, Integer> configuredPartitions = new LinkedHashMap<>();
                domainConfig.events().values().forEach(e -> configuredPartitions.put(e.topic(), e.partitions()));
                DiscardingSink discard = new DiscardingSink(configuredPartitions);
                GenerateRun run = new GenerateRun(plan, options, schemas, SchemaIds.local(schemas),
                        MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID, discard,
                        settings(null, null, interval, config, seeded, "discard (benchmark phase a)"));
                Manifest result = runTracked(run);
                out.printf(Locale.ROOT, "benchmark (a) generation + encoding only: %,d events in %.2fs = %,.0f events/s (%.1f MB/s of messages)%n",
                        result.validEvents(), result.elapsedSeconds(), result.eventsPerSecond(),
                        discard.bytes() / 1e6 / result.elapsedSeconds());
                out.flush();
            }

            Topics.ensure(config.platform().kafka(), domainConfig, createTopics).forEach(out::println);
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
            RegistrySchemaIds ids = new RegistrySchemaIds(registry, config.platform().registry(), domainConfig, schemas, registerSchemas);
            if (Output.verbose()) {
                out.println("schemas: " + ids.resolved().stream().map(r -> r.subject() + " v" + r.version() + " (id " + r.id()
                        + (r.newlyRegistered() ? ", registered now" : "") + ")").collect(java.util.stream.Collectors.joining(", ")));
            }
            int unknownId = malformedFraction > 0 ? RegistrySchemaIds.unknownId(registry) : MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID;
            var props = KafkaEventSink.producerProperties(config.platform().kafka(), "sluice-generate-" + domain, compression, producerProperties);
            String sinkName = "kafka " + config.platform().kafka().bootstrapServers();
            Manifest result;
            GeneratorMetrics metrics = GeneratorMetrics.create();
            Optional<MetricsServer> metricsServer = metrics.serve(config.platform().metrics(), metricsPort);
            try (KafkaEventSink sink = new KafkaEventSink(props)) {
                GenerateRun run = new GenerateRun(plan, options, schemas, ids, unknownId, sink,
                        settings(rate, runFor, interval, config, seeded, sinkName)).withMetrics(metrics);
                result = runTracked(run);
            } finally {
                metricsServer.ifPresent(MetricsServer::close);
            }
            printSummary(out, result);
            if (benchmark) {
                out.printf(Locale.ROOT, "benchmark (b) to Kafka (%s, compression %s, acks=all, idempotent): %,d events in %.2fs = %,.0f events/s%n",
                        config.platform().kafka().bootstrapServers(), compression, result.validEvents(), result.elapsedSeconds(), result.eventsPerSecond());
            }
            if (manifest != null) {
                result.write(manifest);
                out.println("manifest: " + manifest.toAbsolutePath() + " (counts per topic, event-time range, sha256 digests)");
                dev.sluice.console.Summary.put("manifest", manifest.toAbsolutePath().toString());
            }
            return result.complete() ? 0 : 130;
        } catch (GeneratorConfigException e) {
            err.println(e.getMessage());
            return SluiceCli.EXIT_CONFIG_ERROR;
        } catch (RegistryException e) {
            err.println("error: schema registry: " + e.getMessage() + (e.retriable() ? " (retriable: rerun when the registry is reachable)" : ""));
            return e.kind() == RegistryException.Kind.BAD_CONFIG ? SluiceCli.EXIT_CONFIG_ERROR : 1;
        } catch (TopicsException e) {
            err.println("error: " + e.getMessage());
            return e.kind() == TopicsException.Kind.BAD_CONFIG ? SluiceCli.EXIT_CONFIG_ERROR : 1;
        } catch (KafkaEventSink.KafkaSendException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and returns now that we are done.
            }
        }
    }

    private GeneratorOptions options(long effectiveSeed, Instant start) {
        double density = eventTimeRate != null ? eventTimeRate : rate != null ? rate : GeneratorOptions.DEFAULT_EVENT_TIME_RATE;
        // Rate-limited runs are "live": event times should track the clock, so the density stays flat unless asked.
        double amplitude = diurnalAmplitude != null ? diurnalAmplitude : rate != null ? 0.0 : GeneratorOptions.DEFAULT_DIURNAL_AMPLITUDE;
        return new GeneratorOptions(effectiveSeed, start, density, amplitude, lateFraction, parseDuration("--late-max-delay", lateMaxDelay),
                lateDistribution, malformedFraction, oldSchemaFraction, events == null ? Long.MAX_VALUE : events);
    }

    private GenerateRun.Settings settings(Double pace, Duration runFor, Duration interval, SluiceConfig config, boolean seeded, String sink) {
        return new GenerateRun.Settings(pace, runFor, interval, dev.sluice.console.ConsoleMode.current() == dev.sluice.console.ConsoleMode.OFF ? null : System.err, config.environment(), seeded, sink);
    }

    private Manifest runTracked(GenerateRun run) {
        current = run;
        try {
            return run.run();
        } finally {
            current = null;
        }
    }

    private void printReproduction(PrintWriter out, boolean seeded, long effectiveSeed, Instant start) {
        dev.sluice.console.Summary.put("seed", effectiveSeed);
        dev.sluice.console.Summary.put("start_time", start.toString());
        if (!Output.verbose()) {
            return;
        }
        out.println("generate " + domain + ": seed " + effectiveSeed + (seeded ? "" : " (random)") + ", start time " + start
                + "; reproduce with --seed " + effectiveSeed + " --start-time " + start);
        if (seeded && startTime == null) {
            out.println("note: --seed without --start-time repeats ids and values but not event times; add --start-time " + start
                    + " for byte-identical messages");
        }
    }

    /** The closing summary; the per-topic detail (schema versions, digests) only when not --quiet, and always in the manifest. */
    private static void printSummary(PrintWriter out, Manifest m) {
        out.printf(Locale.ROOT, "%s %,d valid events in %.2fs (%,.0f events/s) to %s; late %,d, malformed %,d %s%n",
                m.complete() ? "done:" : "stopped:", m.validEvents(), m.elapsedSeconds(), m.eventsPerSecond(), m.sink(),
                m.lateEvents(), m.malformedEvents(), m.malformedByKind());
        dev.sluice.console.Summary.put("valid_events", m.validEvents());
        dev.sluice.console.Summary.put("late_events", m.lateEvents());
        dev.sluice.console.Summary.put("malformed_events", m.malformedEvents());
        dev.sluice.console.Summary.put("events_per_second", Math.round(m.eventsPerSecond()));
        dev.sluice.console.Summary.put("complete", m.complete());
        if (!Output.verbose()) {
            return;
        }
        out.println("event time " + m.eventTimeMin() + " .. " + m.eventTimeMax() + ", sessions " + m.sessions());
        if (m.fraud() != null) {
            out.printf(Locale.ROOT, "fraud: %,d %s=true %s in %,d episodes%n", m.fraud().labelled(), m.fraud().labelField(),
                    m.fraud().byPattern(), m.fraud().episodes());
        }
        m.topics().forEach((topic, t) -> {
            StringBuilder versions = new StringBuilder();
            t.schemaVersions().forEach((name, v) -> versions.append(' ').append(name).append("(id ").append(v.schemaId()).append(")=").append(v.count()));
            out.printf(Locale.ROOT, "  %-28s valid %,10d  late %,8d  malformed %,6d  fraud %,6d  versions%s%n",
                    topic, t.valid(), t.late(), t.malformed(), t.fraud(), versions);
        });
    }

    static Duration parseDuration(String option, String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.matches("\\d+(\\.\\d+)?")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(trimmed) * 1000));
            }
            return Durations.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; use " + Durations.ACCEPTED_FORMS);
        }
    }

    /** Default: now rounded down to the minute; for live ({@code --rate}) runs now itself, so pacing starts on time. */
    static Instant parseStart(String text, boolean live) {
        Instant now = Instant.now();
        if (text == null) {
            return live ? now.truncatedTo(ChronoUnit.MILLIS) : now.truncatedTo(ChronoUnit.MINUTES);
        }
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("now")) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        if (trimmed.startsWith("-")) {
            return now.minus(parseDuration("--start-time", trimmed.substring(1))).truncatedTo(ChronoUnit.MILLIS);
        }
        if (trimmed.matches("\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(trimmed));
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start-time: '" + text + "' is not ISO-8601 (2026-03-02T10:00:00Z), epoch millis, 'now' or '-2h'");
        }
    }
}
