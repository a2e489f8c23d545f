package dev.sluice.spark;

import dev.sluice.decode.WriterSchemasChangedException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Runs one streaming query per aggregation of a domain in one SparkSession and supervises them:
 * <ul>
 *   <li>before anything starts, every query's checkpoint is checked against its aggregation's definition
 *       ({@link CheckpointGuard}): a changed aggregation stops the job with a message saying what to do;</li>
 *   <li>a query that stops with {@link WriterSchemasChangedException} is restarted at once from its checkpoint with the
 *       refreshed writer schemas (it re-runs the interrupted batch; nothing was written for it);</li>
 *   <li>a query that fails, or cannot start, on a retriable failure (ClickHouse, Kafka or the schema registry
 *       unreachable for longer than their clients' retries wait) is restarted from its checkpoint after a pause
 *       ({@link RestartPolicy}); the other queries keep running meanwhile;</li>
 *   <li>any other failure stops every query and is rethrown (the process exits non-zero; a restart resumes from the
 *       checkpoints and the ledger, so no batch is lost or written twice);</li>
 *   <li>with {@code untilIdle}, each query is stopped once it has reported {@code idleTriggers} idle triggers in a row,
 *       and the job returns when all have stopped.</li>
 * </ul>
 */
public final class StreamingJob {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);
    /** Restarts for new writer schemas without a completed batch in between before giving up (each needs a new version). */
    private static final int MAX_SCHEMA_RESTARTS = 20;

    public record Settings(boolean untilIdle, int idleTriggers, Duration pollInterval, RestartPolicy restarts) {
        public Settings(boolean untilIdle, int idleTriggers, Duration pollInterval) {
            this(untilIdle, idleTriggers, pollInterval, RestartPolicy.DEFAULT);
        }

        public static Settings continuous() {
            return new Settings(false, 3, Duration.ofSeconds(1));
        }

        public static Settings untilIdle(int idleTriggers, Duration triggerInterval) {
            return new Settings(true, idleTriggers, triggerInterval);
        }

        public Settings withRestarts(RestartPolicy policy) {
            return new Settings(untilIdle, idleTriggers, pollInterval, policy);
        }
    }

    private final SparkSession spark;
    private final List<AggregationQuery> queries;
    private final Settings settings;

    private final Map<AggregationQuery, StreamingQuery> running = new LinkedHashMap<>();
    /** Queries waiting to be restarted after a retriable failure, and when. */
    private final Map<AggregationQuery, Long> restartAtNanos = new LinkedHashMap<>();
    private final Map<AggregationQuery, Integer> failuresInARow = new LinkedHashMap<>();
    private final Map<AggregationQuery, Integer> schemaRestarts = new LinkedHashMap<>();
    private final Map<AggregationQuery, IdleTracker> idle = new LinkedHashMap<>();

    public StreamingJob(SparkSession spark, List<AggregationQuery> queries, Settings settings) {
        this.spark = spark;
        this.queries = List.copyOf(queries);
        this.settings = settings;
    }

    public void run() throws Exception {
        for (AggregationQuery query : queries) {
            query.verifyCheckpoint(spark);
        }
        try {
            for (AggregationQuery query : queries) {
                start(query);
            }
            while (!running.isEmpty() || !restartAtNanos.isEmpty()) {
                restartDue();
                for (AggregationQuery query : new ArrayList<>(running.keySet())) {
                    supervise(query, running.get(query));
                }
                if (!running.isEmpty() || !restartAtNanos.isEmpty()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            }
        } finally {
            for (StreamingQuery active : running.values()) {
                stopQuietly(active);
            }
        }
    }

    private void supervise(AggregationQuery query, StreamingQuery active) throws Exception {
        if (!active.isActive()) {
            running.remove(query);
            idle.remove(query);
            StreamingQueryException failure = active.exception().isDefined() ? active.exception().get() : null;
            if (failure == null) {
                LOG.info("query {} stopped", query.name());
            } else if (schemasChanged(failure) && schemaRestartsInARow(query, active) <= MAX_SCHEMA_RESTARTS) {
                LOG.info("query {}: {}", query.name(), schemaMessage(failure));
                start(query);
            } else {
                retryLater(query, failure);
            }
            return;
        }
        if (active.lastProgress() != null && failuresInARow.remove(query) != null) {
            LOG.info("query {} completed a batch again after its restart", query.name());
        }
        if (settings.untilIdle() && idle.computeIfAbsent(query, q -> new IdleTracker(settings.idleTriggers())).poll(active)) {
            LOG.info("query {} processed all available data; stopping (--until-idle)", query.name());
            active.stop();
            running.remove(query);
        }
    }

    /** Starts the query, or schedules a restart when it cannot start for a retriable reason (e.g. the registry is down). */
    private void start(AggregationQuery query) throws Exception {
        try {
            StreamingQuery started = query.start(spark);
            running.put(query, started);
            LOG.info("started query {} -> table {} (checkpoint {})", query.name(), query.tables().aggregates(), query.checkpointLocation());
        } catch (RuntimeException e) {
            retryLater(query, e);
        }
    }

    private void restartDue() throws Exception {
        long now = System.nanoTime();
        for (AggregationQuery query : new ArrayList<>(restartAtNanos.keySet())) {
            if (now - restartAtNanos.get(query) >= 0) {
                restartAtNanos.remove(query);
                LOG.info("query {}: restarting from its checkpoint", query.name());
                start(query);
            }
        }
    }

    private void retryLater(AggregationQuery query, Exception failure) throws Exception {
        if (!RetriableFailures.retriable(failure)) {
            throw failure;
        }
        int failures = failuresInARow.merge(query, 1, Integer::sum);
        RestartPolicy policy = settings.restarts();
        if (failures > policy.maxInARow()) {
            throw new IllegalStateException("query " + query.name() + " failed " + failures + " times in a row on retriable failures"
                    + " without completing a batch; giving up (the job exits; starting it again resumes from the checkpoints). Last failure: "
                    + RetriableFailures.summary(failure), failure);
        }
        Duration pause = policy.pauseBefore(failures);
        LOG.warn("query {} stopped on a retriable failure; restarting it from its checkpoint in {} ms (restart {} of at most {} in a"
                + " row; the interrupted batch is re-run, nothing is lost or counted twice): {}", query.name(), pause.toMillis(), failures,
                policy.maxInARow(), RetriableFailures.summary(failure));
        restartAtNanos.put(query, System.nanoTime() + pause.toNanos());
    }

    /** Counts restarts that completed no batch in between; a run that made progress starts the count again. */
    private int schemaRestartsInARow(AggregationQuery query, StreamingQuery failed) {
        if (failed.lastProgress() != null) {
            schemaRestarts.put(query, 0);
        }
        return schemaRestarts.merge(query, 1, Integer::sum);
    }

    private static boolean schemasChanged(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriterSchemasChangedException) {
                return true;
            }
        }
        return false;
    }

    private static String schemaMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriterSchemasChangedException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    private void stopQuietly(StreamingQuery query) {
        try {
            query.stop();
        } catch (TimeoutException | RuntimeException e) {
            if (spark.sparkContext().isStopped()) {
                // Ctrl-C: Spark's shutdown hook stopped everything already; nothing for a person to do.
                LOG.info("query {} was stopped with the Spark context: {}", query.name(), e.toString());
            } else {
                LOG.warn("could not stop query {}: {}", query.name(), e.toString().lines().findFirst().orElse(""));
            }
        }
    }
}
