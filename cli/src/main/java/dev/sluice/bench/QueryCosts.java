package dev.sluice.bench;

import dev.sluice.observe.CompiledClasses;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each streaming query cost, attributed by Spark's own query id (the {@code sql.streaming.queryId} local
 * property Spark sets on the query's thread, its jobs and their tasks):
 * <ul>
 *   <li>task CPU: executor CPU (and task deserialization CPU) of every task of the query's jobs, from Spark's task
 *       metrics. In local mode the driver's own work (planning, the foreachBatch body, insert bodies, JIT, GC) is the
 *       rest of the JVM's CPU and is reported as one remainder, not per query;</li>
 *   <li>classes compiled: one per Janino compilation ({@link CompiledClasses}), on the query's thread or its tasks.</li>
 * </ul>
 * Counters only grow; callers take a {@link Snapshot} before and after a step.
 */
final class QueryCosts extends SparkListener implements AutoCloseable {

    static final String QUERY_ID_PROPERTY = "sql.streaming.queryId";
    /** Compilations outside any streaming query (the bench's own batch jobs, Spark internals). */
    static final String NO_QUERY = "-";

    /** Per query id: task CPU nanoseconds and classes compiled, at one moment. */
    record Snapshot(Map<String, Long> taskCpuNanos, Map<String, Long> compiledClasses) {
        long taskCpuNanos(String queryId) {
            return taskCpuNanos.getOrDefault(queryId, 0L);
        }

        long compiledClasses(String queryId) {
            return compiledClasses.getOrDefault(queryId, 0L);
        }

        long totalCompiledClasses() {
            return compiledClasses.values().stream().mapToLong(Long::longValue).sum();
        }

        long totalTaskCpuNanos() {
            return taskCpuNanos.values().stream().mapToLong(Long::longValue).sum();
        }

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(difference(taskCpuNanos, earlier.taskCpuNanos), difference(compiledClasses, earlier.compiledClasses));
        }

        private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
            Map<String, Long> out = new java.util.TreeMap<>();
            now.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
            return out;
        }
    }

    private final SparkSession spark;
    private final Map<Integer, String> queryByStage = new ConcurrentHashMap<>();
    /** A job's stages, so they leave {@link #queryByStage} when it ends: a long bench runs tens of thousands. */
    private final Map<Integer, List<Integer>> stagesByJob = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> taskCpuNanos = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> compiledClasses = new ConcurrentHashMap<>();
    private final CompiledClasses compilations;

    private QueryCosts(SparkSession spark) {
        this.spark = spark;
        this.compilations = CompiledClasses.watch(() -> compiledClasses.computeIfAbsent(currentQuery(), q -> new AtomicLong()).incrementAndGet());
    }

    static QueryCosts attach(SparkSession spark) {
        QueryCosts costs = new QueryCosts(spark);
        spark.sparkContext().addSparkListener(costs);
        return costs;
    }

    Snapshot snapshot() {
        return new Snapshot(copy(taskCpuNanos), copy(compiledClasses));
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String query = properties == null ? null : properties.getProperty(QUERY_ID_PROPERTY);
        if (query != null) {
            List<Integer> stageIds = new ArrayList<>();
            scala.collection.Iterator<Object> stages = jobStart.stageIds().iterator();
            while (stages.hasNext()) {
                Integer stage = (Integer) stages.next();
                queryByStage.put(stage, query);
                stageIds.add(stage);
            }
            stagesByJob.put(jobStart.jobId(), stageIds);
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        // Spark posts a job's end after the end of each of its tasks (a zombie attempt's late task is the rare exception).
        List<Integer> stages = stagesByJob.remove(jobEnd.jobId());
        if (stages != null) {
            stages.forEach(queryByStage::remove);
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        String query = queryByStage.get(taskEnd.stageId());
        if (query != null && taskEnd.taskMetrics() != null) {
            long cpu = taskEnd.taskMetrics().executorCpuTime() + taskEnd.taskMetrics().executorDeserializeCpuTime();
            taskCpuNanos.computeIfAbsent(query, q -> new AtomicLong()).addAndGet(cpu);
        }
    }

    /** The streaming query the current thread works for: a task's local properties, or the query's own thread's. */
    private String currentQuery() {
        TaskContext task = TaskContext.get();
        // SparkContext's local properties are per thread (inherited by the threads a query starts).
        String query = task != null ? task.getLocalProperty(QUERY_ID_PROPERTY) : spark.sparkContext().getLocalProperty(QUERY_ID_PROPERTY);
        return query == null ? NO_QUERY : query;
    }

    private static Map<String, Long> copy(Map<String, AtomicLong> counters) {
        Map<String, Long> out = new java.util.TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void close() {
        spark.sparkContext().removeSparkListener(this);
        compilations.close();
    }
}
