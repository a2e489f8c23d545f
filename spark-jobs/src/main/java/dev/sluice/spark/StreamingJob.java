package dev.sluice.spark;

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
 *   <li>a query that stops with {@link WriterSchemasChangedException} is restarted from its checkpoint with the
 *       refreshed writer schemas (it re-runs the interrupted batch; nothing was written for it);</li>
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

    public record Settings(boolean untilIdle, int idleTriggers, Duration pollInterval) {
        public static Settings continuous() {
            return new Settings(false, 3, Duration.ofSeconds(1));
        }

        public static Settings untilIdle(int idleTriggers, Duration triggerInterval) {
            return new Settings(true, idleTriggers, triggerInterval);
        }
    }

    private final SparkSession spark;
    private final List<AggregationQuery> queries;
    private final Settings settings;

    public StreamingJob(SparkSession spark, List<AggregationQuery> queries, Settings settings) {
        this.spark = spark;
        this.queries = List.copyOf(queries);
        this.settings = settings;
    }

    public void run() throws Exception {
        Map<AggregationQuery, StreamingQuery> running = new LinkedHashMap<>();
        Map<AggregationQuery, Integer> restarts = new LinkedHashMap<>();
        Map<AggregationQuery, IdleTracker> idle = new LinkedHashMap<>();
        try {
            for (AggregationQuery query : queries) {
                running.put(query, query.start(spark));
                LOG.info("started query {} -> table {} (checkpoint {})", query.name(), query.tables().aggregates(), query.checkpointLocation());
            }
            while (!running.isEmpty()) {
                for (AggregationQuery query : new ArrayList<>(running.keySet())) {
                    StreamingQuery active = running.get(query);
                    if (!active.isActive()) {
                        StreamingQueryException failure = active.exception().isDefined() ? active.exception().get() : null;
                        if (failure == null) {
                            LOG.info("query {} stopped", query.name());
                            running.remove(query);
                        } else if (schemasChanged(failure) && restartsInARow(restarts, query, active) <= MAX_SCHEMA_RESTARTS) {
                            LOG.info("query {}: {}", query.name(), rootMessage(failure));
                            running.put(query, query.start(spark));
                            idle.remove(query);
                        } else {
                            throw failure;
                        }
                    } else if (settings.untilIdle()
                            && idle.computeIfAbsent(query, q -> new IdleTracker(settings.idleTriggers())).poll(active)) {
                        LOG.info("query {} processed all available data; stopping (--until-idle)", query.name());
                        active.stop();
                        running.remove(query);
                    }
                }
                if (!running.isEmpty()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            }
        } finally {
            for (StreamingQuery active : running.values()) {
                stopQuietly(active);
            }
        }
    }

    /** Counts restarts that completed no batch in between; a run that made progress starts the count again. */
    private static int restartsInARow(Map<AggregationQuery, Integer> restarts, AggregationQuery query, StreamingQuery failed) {
        if (failed.lastProgress() != null) {
            restarts.put(query, 0);
        }
        return restarts.merge(query, 1, Integer::sum);
    }

    private static boolean schemasChanged(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriterSchemasChangedException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriterSchemasChangedException) {
                return t.getMessage();
            }
        }
        return failure.getMessage();
    }

    private static void stopQuietly(StreamingQuery query) {
        try {
            query.stop();
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("could not stop query {}: {}", query.name(), e.toString());
        }
    }
}
