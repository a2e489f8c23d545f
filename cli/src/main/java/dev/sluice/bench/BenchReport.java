package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, with what it ran on and how it was set up: rendered as one table by
 * {@link BenchTable} and written as JSON (fields are only ever added, so old result files stay readable).
 *
 * @param pipelineToBaseline pipeline catch-up events/s divided by baseline events/s (same events, same session)
 * @param pipelineToBaselineCpu the same ratio in events per CPU second of this JVM (steadier on a busy machine); -1 if unknown
 * @param queries            per streaming query, where catch-up time went (Spark's summed phase durations)
 * @param freshness          null when skipped, as are {@code freshnessLowLatency}, {@code replay}, {@code sink} and
 *                           {@code sinkSmallInserts}
 * @param freshnessLowLatency the same measurement with every query on a {@link BenchRun#LOW_LATENCY_TRIGGER} trigger
 * @param catchUpCompiledClasses classes Spark compiled during the catch-up, for any query
 */
public record BenchReport(
        String domain,
        String environment,
        String startedAt,
        long events,
        long seed,
        Machine machine,
        String loadAverageAtEnd,
        Map<String, String> versions,
        Map<String, String> settings,
        Rate preload,
        Rate baselineReadOnly,
        Rate baseline,
        Rate pipeline,
        double pipelineToBaseline,
        double pipelineToBaselineCpu,
        FreshnessFigures freshness,
        FreshnessFigures freshnessLowLatency,
        Rate replay,
        Rate sink,
        Rate sinkSmallInserts,
        List<CatchUp.QueryResult> queries,
        List<TargetCheck> targets,
        long catchUpCompiledClasses,
        double totalSeconds) {

    /**
     * A throughput: the median of {@code samples} (units per second), each over {@code units}.
     *
     * @param perCpuSecond units per CPU second of this JVM (median), -1 when not measured (the sink's work is in the server)
     * @param detail how it was measured, in words
     */
    public record Rate(String unit, long units, double perSecond, List<Double> samples, double perCpuSecond, String detail) {
        static Rate of(String unit, Timed timed, String detail) {
            return new Rate(unit, timed.units(), timed.perSecond(), timed.ratesPerSecond(), timed.perCpuSecond(), detail);
        }
    }

    /**
     * Latencies in milliseconds from production to queryable in ClickHouse; -1 when nothing was measured.
     *
     * @param batches         micro-batches run (all queries) while the live events were produced
     * @param compiledClasses classes Spark compiled meanwhile
     */
    public record FreshnessFigures(double targetRate, double achievedRate, double seconds, long triggerMillis, long pollMillis, long events,
                                   long notVisible, long p50Millis, long p95Millis, long p99Millis, long maxMillis, long generatorMaxBehindMillis,
                                   Map<String, Freshness.Percentiles> byAggregation, Map<String, String> notMeasured, long batches,
                                   long compiledClasses) {

        public double compiledClassesPerBatch() {
            return batches > 0 ? (double) compiledClasses / batches : 0;
        }
    }

    /** One of the targets and whether this run met it. */
    public record TargetCheck(String figure, String target, String actual, boolean met) {
    }

    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the benchmark report as JSON [bug]: " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark results to " + file + ": " + e.getMessage(), e);
        }
    }
}
