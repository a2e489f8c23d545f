package dev.sluice.bench;

import dev.sluice.console.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one table a benchmark run prints: each figure, its target and how it was measured, then machine, versions, settings. */
public final class BenchTable {

    private BenchTable() {
    }

    public static String render(BenchReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FIGURE", "VALUE", "TARGET", "DETAIL"));
        rows.add(row("preload (generator -> Kafka)", rate(r.preload()), "", r.preload().detail()));
        rows.add(row("baseline: Kafka read only", rate(r.baselineReadOnly()), "", detail(r.baselineReadOnly())));
        rows.add(row("baseline: read + decode + count", rate(r.baseline()), "", detail(r.baseline())));
        rows.add(row("pipeline catch-up", rate(r.pipeline()), target(r, "pipeline"), detail(r.pipeline())));
        rows.add(row("pipeline per CPU second", perCpu(r.pipeline()), target(r, "pipeline per CPU-s"),
                String.format(Locale.ROOT, "events per CPU second of this JVM; Spark compiled %d classes in the catch-up's %d batches",
                        r.catchUpCompiledClasses(), r.queries().stream().mapToLong(CatchUp.QueryResult::batches).sum())));
        for (CatchUp.QueryResult q : r.queries()) {
            rows.add(row("  " + q.query(), q.rowsPerTaskCpuSecond() > 0 ? String.format(Locale.ROOT, "%,.0f events/task CPU-s", q.rowsPerTaskCpuSecond())
                    : "not measured", "", String.format(Locale.ROOT, "%,d events in %d batches, tasks %.1f CPU-s, %.1f classes compiled per batch, "
                    + "drained after %.1f s", q.inputRows(), q.batches(), q.taskCpuSeconds(), q.compiledClassesPerBatch(), q.secondsToDrain())));
        }
        rows.add(row("pipeline / baseline", String.format(Locale.ROOT, "%.2f", r.pipelineToBaselineCpu()), target(r, "pipeline / baseline"),
                "events per CPU second of this JVM, same events, same Spark session and settings"
                        + String.format(Locale.ROOT, "; in events/s: %.2f", r.pipelineToBaseline())));
        rows.add(r.freshness() == null ? skipped("freshness p50 / p95 / p99")
                : row("freshness p50 / p95 / p99", freshness(r.freshness()), target(r, "freshness p95"), freshnessDetail(r.freshness())));
        if (r.freshnessLowLatency() != null) {
            rows.add(row("freshness, 1 s trigger", freshness(r.freshnessLowLatency()), target(r, "freshness p95, low latency"),
                    freshnessDetail(r.freshnessLowLatency())));
        }
        rows.add(r.replay() == null ? skipped("replay") : row("replay", rate(r.replay()), target(r, "replay"), detail(r.replay())));
        rows.add(r.sink() == null ? skipped("sink: ClickHouse writer") : row("sink: ClickHouse writer", rate(r.sink()), "", r.sink().detail()));
        rows.add(r.sinkSmallInserts() == null ? skipped("sink: batch-sized inserts")
                : row("sink: batch-sized inserts", rate(r.sinkSmallInserts()), "", r.sinkSmallInserts().detail()));
        rows.add(row("machine", String.format(Locale.ROOT, "%d cores, %.1f GiB", r.machine().cores(), r.machine().memoryBytes() / 1073741824.0), "",
                r.machine().describe() + "; load average " + r.machine().loadAverageAtStart() + " at start, " + r.loadAverageAtEnd() + " at end"));
        rows.add(row("versions", "", "", join(r.versions())));
        rows.add(row("settings", "", "", join(r.settings())));
        return TextTable.render(rows);
    }

    private static List<String> skipped(String figure) {
        return row(figure, "skipped", "", "left out with --skip");
    }

    private static List<String> row(String figure, String value, String target, String detail) {
        return List.of(figure, value, target, detail);
    }

    private static String detail(BenchReport.Rate rate) {
        return rate.perCpuSecond() > 0
                ? rate.detail() + String.format(Locale.ROOT, "; %,.0f %s per CPU second", rate.perCpuSecond(), rate.unit())
                : rate.detail();
    }

    private static String perCpu(BenchReport.Rate rate) {
        return rate.perCpuSecond() > 0 ? String.format(Locale.ROOT, "%,.0f %s/CPU-s", rate.perCpuSecond(), rate.unit()) : "not measured";
    }

    static String rate(BenchReport.Rate rate) {
        return String.format(Locale.ROOT, "%,.0f %s/s", rate.perSecond(), rate.unit());
    }

    private static String target(BenchReport r, String figure) {
        return r.targets().stream().filter(t -> t.figure().equals(figure)).findFirst()
                .map(t -> t.target() + (t.met() ? " met" : " MISSED")).orElse("");
    }

    static String freshness(BenchReport.FreshnessFigures f) {
        if (f.events() == 0) {
            return "not measured";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f s", f.p50Millis() / 1e3, f.p95Millis() / 1e3, f.p99Millis() / 1e3);
    }

    private static String freshnessDetail(BenchReport.FreshnessFigures f) {
        String excluded = f.notMeasured().isEmpty() ? "" : "; not measured: " + f.notMeasured().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
        if (f.events() == 0) {
            return "no update-mode tumbling aggregation with an unconditional count" + excluded;
        }
        String missing = f.notVisible() == 0 ? "" : String.format(Locale.ROOT, ", %,d events NOT visible when the probe ended", f.notVisible());
        return String.format(Locale.ROOT, "%,.0f events/s produced (target %,.0f) for %.0f s, trigger %.0f s, %,d events over %s, max %.1f s, "
                        + "polled every %d ms (upper bounds); %d batches, %.1f classes compiled per batch%s%s", f.achievedRate(), f.targetRate(),
                f.seconds(), f.triggerMillis() / 1e3, f.events(), String.join(" + ", f.byAggregation().keySet()), f.maxMillis() / 1e3, f.pollMillis(),
                f.batches(), f.compiledClassesPerBatch(), missing, excluded);
    }

    private static String join(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
