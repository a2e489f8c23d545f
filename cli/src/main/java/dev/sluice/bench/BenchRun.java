package dev.sluice.bench;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.spark.JobSparkConf;
import org.apache.spark.sql.SparkSession;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run, in the order that keeps each step's input exact: preload N events; baseline (read only, then
 * read + decode + count, each repeated); pipeline catch-up; replay of the same range; the sink on its own; last,
 * freshness, whose live events land after everything else has read the preloaded range. All Spark steps share ONE
 * SparkSession built from the environment's spark settings, so the ratio compares like with like.
 */
public final class BenchRun {

    /** The trigger of the low-latency freshness run (the configured trigger is measured first). */
    static final Duration LOW_LATENCY_TRIGGER = Duration.ofSeconds(1);

    /**
     * @param eventTimeRate  preloaded events per second of event time (sets events per window, hence state size)
     * @param repeats        samples of each cheap measurement (baseline, sink); medians are reported
     * @param freshnessLoad  live rate as a fraction of the measured pipeline rate
     */
    public record Options(String domain, long events, double eventTimeRate, int repeats, double freshnessLoad, Duration freshnessDuration,
                          Duration pollInterval, int sinkRows, long seed, boolean keep, String sluiceVersion, java.util.Set<OptionalStep> skip) {

        boolean runs(OptionalStep step) {
            return !skip.contains(step);
        }
    }

    private final SluiceConfig base;
    private final Path home;
    private final Options options;
    private final PrintStream out;

    public BenchRun(SluiceConfig base, Path home, Options options, PrintStream out) {
        this.base = base;
        this.home = home;
        this.options = options;
        this.out = out;
    }

    public BenchReport run() throws Exception {
        long started = System.nanoTime();
        Machine machine = Machine.probe();
        Instant startedAt = Instant.now();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(startedAt);
        out.printf("bench %s (%s): %,d events, run %s; %s, load average %s%n", options.domain(), base.environment(), options.events(), runId,
                machine.describe(), machine.loadAverageAtStart());
        try (BenchSandbox sandbox = BenchSandbox.create(base, options.domain(), home, runId, options.keep(), out)) {
            step(1, "preload " + options.events() + " events with the generator");
            BenchEvents generator = BenchEvents.prepare(sandbox.config(), sandbox.domain(), home);
            Preload.Result preload = Preload.run(sandbox, generator, options.events(), options.eventTimeRate(), options.seed(), null);
            out.printf("  %,d events in %.1f s (%,.0f events/s), event time %s .. %s%n", preload.events(), preload.seconds(), preload.eventsPerSecond(),
                    preload.eventTimeFrom(), preload.eventTimeTo());
            if (preload.records() != preload.events()) {
                throw new IllegalStateException("the benchmark topics hold " + preload.records() + " records after preloading " + preload.events()
                        + " events [bug: they are created empty for each run]");
            }

            SparkSession spark = JobSparkConf.session("sluice-bench-" + base.environment() + "-" + options.domain(), sandbox.config().platform().spark());
            try (BenchPipeline pipeline = new BenchPipeline(spark, sandbox); QueryCosts costs = QueryCosts.attach(spark)) {
                step(2, "baseline: a bare Spark job reads, decodes and counts the same events (x" + options.repeats() + ")");
                Baseline baseline = new Baseline(spark, sandbox.config(), sandbox.domain(), pipeline.registry(), preload.ranges());
                List<Lap> readOnly = new ArrayList<>();
                List<Lap> decoded = new ArrayList<>();
                for (int i = 0; i < options.repeats(); i++) {
                    readOnly.add(baseline.readOnly(preload.events()));
                    decoded.add(baseline.readDecodeCount(preload.events()));
                    out.printf("  read only %.1f s (%.1f CPU-s), read + decode + count %.1f s (%.1f CPU-s)%n", readOnly.get(i).seconds(),
                            readOnly.get(i).cpuSeconds(), decoded.get(i).seconds(), decoded.get(i).cpuSeconds());
                }
                Timed readOnlyTimed = new Timed(preload.events(), readOnly);
                Timed baselineTimed = new Timed(preload.events(), decoded);

                step(3, "pipeline catch-up: the streaming job drains the same events into ClickHouse");
                CatchUp.Result catchUp = CatchUp.run(spark, pipeline, costs, preload.ranges(), preload.events());
                out.printf("  %,d events in %.1f s = %,.0f events/s (%.1f CPU-s)%n", catchUp.events(), catchUp.seconds(), catchUp.eventsPerSecond(),
                        catchUp.lap().cpuSeconds());
                double taskCpu = 0;
                long batches = 0;
                for (CatchUp.QueryResult q : catchUp.queries()) {
                    out.printf("    %-40s drained after %5.1f s: %,d rows in %d batches; tasks %.1f CPU-s (%,.0f rows per task CPU-s); "
                                    + "%d classes compiled (%.1f per batch); state rows <= %,d; Spark phases (ms, summed) %s%n", q.query(),
                            q.secondsToDrain(), q.inputRows(), q.batches(), q.taskCpuSeconds(), q.rowsPerTaskCpuSecond(), q.compiledClasses(),
                            q.compiledClassesPerBatch(), q.maxStateRows(), q.phaseMs());
                    taskCpu += q.taskCpuSeconds();
                    batches += q.batches();
                }
                out.printf("  the queries' Spark tasks: %.1f of the JVM's %.1f CPU-s (the rest: the driver's planning, foreachBatch and insert "
                                + "bodies, JIT, GC); %d classes compiled in %d batches%n", taskCpu, catchUp.lap().cpuSeconds(), catchUp.compiledClasses(),
                        batches);

                ReplayRate.Result replay = null;
                if (options.runs(OptionalStep.REPLAY)) {
                    step(4, "replay of the same range (bin/sluice replay, every aggregation)");
                    replay = ReplayRate.run(spark, sandbox, pipeline, preload.events());
                    out.printf("  %,d events in %.1f s = %,.0f events/s (%.1f CPU-s), %,d rows written%n", replay.events(), replay.seconds(),
                            replay.eventsPerSecond(), replay.lap().cpuSeconds(), replay.rowsWritten());
                }

                SinkRate.Result sink = null;
                if (options.runs(OptionalStep.SINK)) {
                    step(5, "sink: the ClickHouse writer on its own");
                    sink = SinkRate.run(sandbox, options.sinkRows(), options.repeats(), 1_000, 20);
                    out.printf("  %,.0f rows/s in %,d-row inserts (%s), %,.0f rows/s in 1,000-row inserts%n", sink.largeInserts().perSecond(),
                            options.sinkRows(), sink.largeInserts().ratesPerSecond().stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList(),
                            sink.smallInserts().perSecond());
                }

                Freshness.Result freshness = null;
                Freshness.Result lowLatency = null;
                if (options.runs(OptionalStep.FRESHNESS)) {
                    double rate = Math.max(1, Math.round(catchUp.eventsPerSecond() * options.freshnessLoad()));
                    step(6, String.format(Locale.ROOT, "freshness at %.0f%% of the pipeline rate, at the configured trigger and at %d s",
                            options.freshnessLoad() * 100, LOW_LATENCY_TRIGGER.toSeconds()));
                    freshness = Freshness.run(spark, sandbox, pipeline, costs, generator, rate, options.freshnessDuration(), options.pollInterval(),
                            null, options.seed() + 1, out);
                    printFreshness(freshness);
                    lowLatency = Freshness.run(spark, sandbox, pipeline, costs, generator, rate, options.freshnessDuration(), options.pollInterval(),
                            LOW_LATENCY_TRIGGER, options.seed() + 2, out);
                    printFreshness(lowLatency);
                }

                String versions = serverVersion(sandbox);
                return report(machine, startedAt, runId, preload, readOnlyTimed, baselineTimed, catchUp, replay, sink, freshness, lowLatency,
                        spark.version(), versions, (System.nanoTime() - started) / 1e9);
            } finally {
                spark.stop();
            }
        }
    }

    private void printFreshness(Freshness.Result freshness) {
        Freshness.Percentiles p = freshness.overall();
        out.printf("  trigger %s: p50 %.1f s, p95 %.1f s, p99 %.1f s over %,d events; %d batches, %d classes compiled%n", freshness.trigger(),
                p.p50Millis() / 1e3, p.p95Millis() / 1e3, p.p99Millis() / 1e3, p.events(), freshness.batches(), freshness.compiledClasses());
    }

    private void step(int number, String what) {
        out.printf("[%d/6] %s%n", number, what);
    }

    private static String serverVersion(BenchSandbox sandbox) {
        try (ClickHouseConnection connection = ClickHouseConnection.open(sandbox.clickhouse())) {
            return connection.serverVersion();
        }
    }

    private BenchReport report(Machine machine, Instant startedAt, String runId, Preload.Result preload, Timed readOnly, Timed baseline,
                               CatchUp.Result catchUp, ReplayRate.Result replay, SinkRate.Result sink, Freshness.Result freshness,
                               Freshness.Result lowLatency, String sparkVersion, String clickHouseVersion, double totalSeconds) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("sluice", options.sluiceVersion());
        versions.put("java", System.getProperty("java.runtime.version"));
        versions.put("spark", sparkVersion);
        versions.put("scala", scala.util.Properties.versionNumberString());
        versions.put("kafka-clients", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        versions.put("clickhouse", clickHouseVersion);

        BenchReport.Rate pipelineRate = BenchReport.Rate.of("events", Timed.once(catchUp.events(), catchUp.lap()),
                String.format(Locale.ROOT, "%d queries (all aggregations) into ClickHouse, cold start to last commit in %.1f s, once",
                        catchUp.queries().size(), catchUp.seconds()));
        BenchReport.Rate baselineRate = BenchReport.Rate.of("events", baseline, "median of " + baseline.seconds().size() + ": " + rates(baseline));
        double ratio = pipelineRate.perSecond() / baselineRate.perSecond();
        double cpuRatio = pipelineRate.perCpuSecond() > 0 && baselineRate.perCpuSecond() > 0 ? pipelineRate.perCpuSecond() / baselineRate.perCpuSecond() : -1;
        BenchReport.FreshnessFigures figures = freshness == null ? null : freshnessFigures(freshness);
        BenchReport.FreshnessFigures lowLatencyFigures = lowLatency == null ? null : freshnessFigures(lowLatency);
        return new BenchReport(options.domain(), base.environment(), startedAt.toString(), preload.events(), options.seed(), machine,
                Machine.loadAverage(), versions, settings(runId),
                BenchReport.Rate.of("events", Timed.once(preload.events(), new Lap(preload.seconds(), -1)),
                        String.format(Locale.ROOT, "%,d events in %.1f s, lz4, acks=all", preload.events(), preload.seconds())),
                BenchReport.Rate.of("events", readOnly, "median of " + readOnly.seconds().size() + ": " + rates(readOnly)),
                baselineRate, pipelineRate, ratio, cpuRatio, figures, lowLatencyFigures,
                replay == null ? null : BenchReport.Rate.of("events", Timed.once(replay.events(), replay.lap()),
                        String.format(Locale.ROOT, "all aggregations, %.1f s, %,d rows written, once", replay.seconds(), replay.rowsWritten())),
                sink == null ? null : BenchReport.Rate.of("rows", sink.largeInserts(),
                        String.format(Locale.ROOT, "%,d-row JSONEachRow inserts (%.0f MB, %d columns, shaped like %s), median of %d: %s",
                        sink.largeInserts().units(), sink.largeInsertBytes() / 1e6, sink.columns(), sink.table(), sink.largeInserts().seconds().size(),
                        rates(sink.largeInserts()))),
                sink == null ? null : BenchReport.Rate.of("rows", sink.smallInserts(), String.format(Locale.ROOT, "%,d inserts of %,d rows, %.0f ms each",
                        sink.smallInserts().units() / sink.smallInsertRows(), sink.smallInsertRows(),
                        sink.smallInserts().medianSeconds() * 1000 / (sink.smallInserts().units() / sink.smallInsertRows()))),
                catchUp.queries(), Targets.check(pipelineRate, ratio, cpuRatio, figures, lowLatencyFigures, replay == null ? null : replay.eventsPerSecond()),
                catchUp.compiledClasses(), totalSeconds);
    }

    private static BenchReport.FreshnessFigures freshnessFigures(Freshness.Result freshness) {
        Freshness.Percentiles p = freshness.overall();
        return new BenchReport.FreshnessFigures(freshness.targetRate(), freshness.load().eventsPerSecond(),
                freshness.load().seconds(), freshness.trigger().toMillis(), freshness.pollMillis(), p.events(), freshness.notVisible(), p.p50Millis(),
                p.p95Millis(), p.p99Millis(), p.maxMillis(), freshness.load().maxBehindMillis(), freshness.byAggregation(), freshness.excluded(),
                freshness.batches(), freshness.compiledClasses());
    }

    private Map<String, String> settings(String runId) {
        SparkConfig spark = base.platform().spark();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("master", spark.master());
        JobSparkConf.of(spark).forEach((k, v) -> {
            if (!k.equals("spark.ui.enabled") && !k.equals("spark.sql.session.timeZone")) {
                settings.put(k, v);
            }
        });
        settings.put("trigger", spark.triggerInterval().toString().substring(2).toLowerCase(Locale.ROOT));
        settings.put("maxOffsetsPerTrigger", String.valueOf(spark.maxOffsetsPerTrigger()));
        base.domain(options.domain()).events().values().forEach(e -> settings.put("partitions " + e.name(), String.valueOf(e.partitions())));
        settings.put("event-time rate", String.format(Locale.ROOT, "%.0f/s", options.eventTimeRate()));
        settings.put("freshness", String.format(Locale.ROOT, "%.0f%% load for %ds, poll %dms", options.freshnessLoad() * 100,
                options.freshnessDuration().toSeconds(), options.pollInterval().toMillis()));
        settings.put("seed", String.valueOf(options.seed()));
        if (!options.skip().isEmpty()) {
            settings.put("skipped", options.skip().toString().toLowerCase(Locale.ROOT));
        }
        settings.put("run", runId);
        return settings;
    }

    private static String rates(Timed timed) {
        return String.join(", ", timed.ratesPerSecond().stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }
}
