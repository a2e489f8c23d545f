package dev.sluice.bench;

import dev.sluice.replay.KafkaOffsetRange;
import dev.sluice.spark.AggregationQuery;
import dev.sluice.spark.StreamingJob;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 3: the real streaming job (every aggregation of the domain, writing to ClickHouse, with checkpoints and the
 * batch ledger) draining the preloaded events from a cold start. Time runs from the moment the job starts its queries
 * to the moment the LAST query's batch covering the end offsets has committed; the events/s figure counts each event
 * once, however many aggregations read its topic.
 */
final class CatchUp {

    /**
     * Per query: batches, rows, Spark's summed phase durations, when it had drained, and what it cost ({@link QueryCosts}).
     *
     * @param taskCpuSeconds  CPU of the query's Spark tasks (the driver's share of the JVM is not in it)
     * @param compiledClasses classes Janino compiled for the query, on its thread or in its tasks
     */
    record QueryResult(String query, long batches, long inputRows, double secondsToDrain, long maxStateRows, Map<String, Long> phaseMs,
                       double taskCpuSeconds, long compiledClasses) {

        /** Input rows per CPU second of the query's tasks; -1 when none was measured. */
        double rowsPerTaskCpuSecond() {
            return taskCpuSeconds > 0 ? inputRows / taskCpuSeconds : -1;
        }

        double compiledClassesPerBatch() {
            return batches > 0 ? (double) compiledClasses / batches : 0;
        }
    }

    /**
     * @param lap from the job's start to the last query's drain (CPU: this JVM over the same stretch, to the drain)
     * @param compiledClasses every class Spark compiled over the stretch, for the queries or not
     */
    record Result(long events, Lap lap, List<QueryResult> queries, long compiledClasses) {
        double seconds() {
            return lap.seconds();
        }

        double eventsPerSecond() {
            return events / Math.max(lap.seconds(), 1e-9);
        }
    }

    private CatchUp() {
    }

    static Result run(SparkSession spark, BenchPipeline pipeline, QueryCosts costs, Map<String, KafkaOffsetRange> ranges, long events)
            throws Exception {
        Map<String, Map<Integer, Long>> targets = new LinkedHashMap<>();
        ranges.forEach((topic, range) -> targets.put(topic, range.end()));
        DrainTracker tracker = new DrainTracker(targets, System::nanoTime);
        spark.streams().addListener(tracker);
        try {
            List<AggregationQuery> queries = pipeline.queries();
            QueryCosts.Snapshot costsBefore = costs.snapshot();
            Lap.Start lap = Lap.start();
            long started = lap.wallNanos();
            // Two idle triggers in a row end a query; they come after its drain time and are not counted.
            pipeline.job(queries, StreamingJob.Settings.untilIdle(2, BenchPipeline.shortestTrigger(queries))).run();
            QueryCosts.Snapshot cost = costs.snapshot().minus(costsBefore);
            List<QueryResult> results = new ArrayList<>();
            long lastDrain = started;
            for (AggregationQuery query : queries) {
                DrainTracker.QueryTally tally = tracker.tallies().get(query.name());
                if (tally == null || !tally.drained()) {
                    throw new IllegalStateException("streaming query " + query.name() + " stopped before it reached the preloaded end offsets "
                            + targets + " [bug: --until-idle should only stop a query that has read everything]");
                }
                lastDrain = Math.max(lastDrain, tally.drainedAtNanos);
                String id = tracker.queryId(query.name());
                results.add(new QueryResult(query.name(), tally.batches, tally.inputRows, (tally.drainedAtNanos - started) / 1e9,
                        tally.maxStateRows, Map.copyOf(tally.durationsMs), cost.taskCpuNanos(id) / 1e9, cost.compiledClasses(id)));
            }
            // CPU up to the last drain is not observable after the fact; the idle triggers after it cost next to nothing.
            Lap whole = lap.stop();
            return new Result(events, new Lap((lastDrain - started) / 1e9, whole.cpuSeconds()), results, cost.totalCompiledClasses());
        } finally {
            spark.streams().removeListener(tracker);
        }
    }
}
