package dev.sluice.bench;

import dev.sluice.spark.AggregationQuery;
import dev.sluice.spark.StreamingJob;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Step 4: freshness under a steady load. The streaming job runs continuously (resuming from the catch-up's
 * checkpoints); once every query has run a trigger, the generator produces live events at a fixed rate for a while;
 * a poller watches ClickHouse; then {@link FreshnessCalculator} turns both sides into one latency per event: from
 * the moment the event was handed to the Kafka producer to the first poll that saw it counted in its window's row.
 * Measured on the update-mode tumbling aggregations ({@link FreshnessTarget}); the others are listed with the reason.
 */
final class Freshness {

    record Percentiles(long events, long p50Millis, long p95Millis, long p99Millis, long maxMillis) {
        static Percentiles of(long[] sorted) {
            if (sorted.length == 0) {
                return new Percentiles(0, -1, -1, -1, -1);
            }
            return new Percentiles(sorted.length, Samples.percentile(sorted, 0.50), Samples.percentile(sorted, 0.95),
                    Samples.percentile(sorted, 0.99), sorted[sorted.length - 1]);
        }
    }

    /**
     * @param batches         micro-batches the queries ran while the live events were produced (all queries)
     * @param compiledClasses classes Spark compiled over the same stretch: in a steady state, ideally none
     */
    record Result(double targetRate, PacedLoad.Result load, Duration trigger, long pollMillis, long polls, Percentiles overall,
                  long notVisible, Map<String, Percentiles> byAggregation, Map<String, String> excluded, long batches, long compiledClasses) {
    }

    private Freshness() {
    }

    /** @param trigger every query's trigger for this run, or null for the configured ones */
    static Result run(SparkSession spark, BenchSandbox sandbox, BenchPipeline pipeline, QueryCosts costs, BenchEvents generator, double rate,
                      Duration duration, Duration poll, Duration trigger, long seed, PrintStream out) throws Exception {
        FreshnessTarget.Selection selection = FreshnessTarget.select(sandbox.domain());
        List<AggregationQuery> queries = pipeline.queries().stream().map(q -> trigger == null ? q : q.withTrigger(trigger)).toList();
        Duration shortestTrigger = BenchPipeline.shortestTrigger(queries);
        if (selection.targets().isEmpty()) {
            return new Result(rate, new PacedLoad.Result(0, 0, 0), shortestTrigger, poll.toMillis(), 0, Percentiles.of(new long[0]), 0, Map.of(),
                    selection.excluded(), 0, 0);
        }
        AtomicReference<Throwable> jobFailure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            try {
                pipeline.job(queries, StreamingJob.Settings.continuous()).run();
            } catch (Throwable t) {
                jobFailure.set(t);
            }
        }, "sluice-bench-streaming-job");
        job.setDaemon(true);
        job.start();
        try {
            awaitFirstTriggers(spark, queries, jobFailure, Duration.ofMinutes(2));
            out.printf("  job running (%d queries, trigger %s); producing %,.0f events/s for %s%n", queries.size(), shortestTrigger, rate, duration);

            Map<FreshnessTarget, VisibleCounts> counts = new LinkedHashMap<>();
            Map<String, List<PacedLoad.Recorder>> recorders = new LinkedHashMap<>();
            Map<FreshnessTarget, WindowArrivals> arrivals = new LinkedHashMap<>();
            for (FreshnessTarget target : selection.targets().values()) {
                counts.put(target, new VisibleCounts());
                WindowArrivals a = new WindowArrivals();
                arrivals.put(target, a);
                recorders.computeIfAbsent(target.event(), e -> new ArrayList<>()).add(new PacedLoad.Recorder(target, a));
            }
            long now = System.currentTimeMillis();
            long fromWindow = selection.targets().values().stream().mapToLong(t -> t.windowStart(now)).min().orElseThrow();
            CountPoller poller = new CountPoller(sandbox.clickhouse(), counts, fromWindow, poll);
            Thread polling = new Thread(poller, "sluice-bench-poller");
            polling.setDaemon(true);
            polling.start();

            QueryCosts.Snapshot costsBefore = costs.snapshot();
            long batchesBefore = batchesRun(spark);
            PacedLoad.Result load = new PacedLoad(generator, rate, seed, duration, recorders).run();
            long batches = batchesRun(spark) - batchesBefore;
            long compiled = costs.snapshot().minus(costsBefore).totalCompiledClasses();
            out.printf("  produced %,d events in %.1f s (%,.0f events/s; the generator ran up to %d ms behind); waiting for the last windows%n",
                    load.events(), load.seconds(), load.eventsPerSecond(), load.maxBehindMillis());
            awaitAllVisible(arrivals, counts, poller, jobFailure, shortestTrigger.multipliedBy(3).plusSeconds(30));
            poller.stop();
            polling.join(10_000);
            if (poller.failure() != null) {
                throw new IllegalStateException("polling ClickHouse failed, so freshness cannot be measured: " + poller.failure().getMessage(),
                        poller.failure());
            }

            List<long[]> all = new ArrayList<>();
            Map<String, Percentiles> byAggregation = new LinkedHashMap<>();
            long notVisible = 0;
            for (FreshnessTarget target : selection.targets().values()) {
                FreshnessCalculator.Latencies latencies = FreshnessCalculator.latencies(arrivals.get(target), counts.get(target));
                all.add(latencies.sortedMillis());
                byAggregation.put(target.aggregation(), Percentiles.of(latencies.sortedMillis()));
                notVisible += latencies.notVisible();
            }
            return new Result(rate, load, shortestTrigger, poll.toMillis(), poller.polls(), Percentiles.of(merged(all)), notVisible, byAggregation,
                    selection.excluded(), batches, compiled);
        } finally {
            for (StreamingQuery query : spark.streams().active()) {
                query.stop();
            }
            job.join(60_000);
        }
    }

    /** Micro-batches the running queries have completed (by their last progress' batch id), summed. */
    private static long batchesRun(SparkSession spark) {
        long batches = 0;
        for (StreamingQuery query : spark.streams().active()) {
            if (query.lastProgress() != null) {
                batches += query.lastProgress().batchId() + 1;
            }
        }
        return batches;
    }

    /** Every query has run at least one trigger since it started: planning and state loading are behind it. */
    private static void awaitFirstTriggers(SparkSession spark, List<AggregationQuery> queries, AtomicReference<Throwable> failure, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (failure.get() != null) {
                throw new IllegalStateException("the streaming job failed while starting: " + failure.get().getMessage(), failure.get());
            }
            long ready = 0;
            for (StreamingQuery query : spark.streams().active()) {
                if (query.lastProgress() != null && queries.stream().anyMatch(q -> q.name().equals(query.name()))) {
                    ready++;
                }
            }
            if (ready == queries.size()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the streaming queries did not all run a trigger within " + timeout + " (retriable: is the machine overloaded?)");
    }

    /** Waits until ClickHouse counts every produced event, or the timeout (what is still missing is reported). */
    private static void awaitAllVisible(Map<FreshnessTarget, WindowArrivals> arrivals, Map<FreshnessTarget, VisibleCounts> counts, CountPoller poller,
                                        AtomicReference<Throwable> jobFailure, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && jobFailure.get() == null && poller.failure() == null) {
            boolean complete = true;
            for (Map.Entry<FreshnessTarget, WindowArrivals> target : arrivals.entrySet()) {
                for (long window : target.getValue().windows()) {
                    if (counts.get(target.getKey()).latest(window) < target.getValue().count(window)) {
                        complete = false;
                    }
                }
            }
            if (complete) {
                return;
            }
            Thread.sleep(250);
        }
        if (jobFailure.get() != null) {
            throw new IllegalStateException("the streaming job failed during the freshness step: " + jobFailure.get().getMessage(), jobFailure.get());
        }
    }

    private static long[] merged(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        java.util.Arrays.sort(all);
        return all;
    }
}
