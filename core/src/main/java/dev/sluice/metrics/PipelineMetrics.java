package dev.sluice.metrics;

import dev.sluice.config.MetricsConfig;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every metric of the streaming job, in one registry that {@link MetricsServer} serves on the driver.
 *
 * <p>Callers never touch Prometheus types: the progress listener and the sink use {@link #query(QueryId)}, the
 * ClickHouse writer uses {@link #sink()}. All methods are thread-safe and cheap (a label lookup and an atomic add), and
 * must be called on the driver - inside {@code foreachBatch}'s body, not inside functions Spark ships to executors,
 * whose JVMs have their own, unserved copy.
 *
 * <p>Spark's own metrics (its metrics system, the UI, {@code spark.sql.streaming.metricsEnabled}) are untouched and
 * stay available the way Spark exposes them.
 */
public final class PipelineMetrics {

    static final String[] QUERY_LABELS = {"query", "domain", "aggregation"};

    final Counter inputRows = Counter.build("sluice_input_rows_total",
            "Rows the query read from its sources (Kafka records), summed over micro-batches.").labelNames(QUERY_LABELS).create();
    final Gauge inputRowsPerSecond = Gauge.build("sluice_input_rows_per_second",
            "Rate at which rows arrived for the last micro-batch.").labelNames(QUERY_LABELS).create();
    final Gauge processedRowsPerSecond = Gauge.build("sluice_processed_rows_per_second",
            "Rate at which the last micro-batch processed rows.").labelNames(QUERY_LABELS).create();
    final Histogram batchDuration = Histogram.build("sluice_batch_duration_seconds",
                    "Wall time of a micro-batch (Spark durationMs.triggerExecution).")
            .labelNames(QUERY_LABELS).buckets(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300).create();
    final Gauge triggerLag = Gauge.build("sluice_trigger_lag_seconds",
            "How far the last micro-batch overran the query's trigger interval; above 0 the query cannot keep up.")
            .labelNames(QUERY_LABELS).create();
    final Gauge watermark = Gauge.build("sluice_watermark_timestamp_seconds",
            "Event-time watermark of the query, Unix seconds; absent until the first event has set it.").labelNames(QUERY_LABELS).create();
    final Gauge watermarkDelay = Gauge.build("sluice_watermark_delay_seconds",
            "Wall clock minus watermark when the last micro-batch finished: how old the newest final results can be.")
            .labelNames(QUERY_LABELS).create();
    final Gauge stateRows = Gauge.build("sluice_state_rows",
            "Rows held in the query's state stores (open windows, dedup keys).").labelNames(QUERY_LABELS).create();
    final Gauge stateMemory = Gauge.build("sluice_state_memory_bytes",
            "Memory used by the query's state stores.").labelNames(QUERY_LABELS).create();
    final Counter lateEvents = Counter.build("sluice_late_events_total",
            "Events that arrived after the watermark had passed all their windows, so they are not in the aggregate (they are in sluice_late_events).")
            .labelNames(QUERY_LABELS).create();
    final Counter partlyLateEvents = Counter.build("sluice_partly_late_events_total",
            "Sliding-window events that arrived after the watermark had passed some of their windows: counted in the open ones, "
                    + "missing from the others (they are in sluice_late_events with partly_late = 1).")
            .labelNames(QUERY_LABELS).create();
    final Counter deadLetters = Counter.build("sluice_dead_letters_total",
            "Kafka records the query could not use, by reason (they are in sluice_dead_letters).")
            .labelNames("query", "domain", "aggregation", "reason").create();
    final Counter outputRows = Counter.build("sluice_output_rows_total",
            "Rows the query's committed micro-batches wrote to ClickHouse (aggregates, late events and dead letters).")
            .labelNames(QUERY_LABELS).create();
    final Gauge committedBatch = Gauge.build("sluice_committed_batch_id",
            "Id of the last micro-batch whose ClickHouse writes all succeeded.").labelNames(QUERY_LABELS).create();
    final Gauge committedAt = Gauge.build("sluice_committed_batch_timestamp_seconds",
            "When the last micro-batch was committed, Unix seconds.").labelNames(QUERY_LABELS).create();
    final Gauge progressBatch = Gauge.build("sluice_progress_batch_id",
            "Id of the last micro-batch Spark reported progress for.").labelNames(QUERY_LABELS).create();
    final Gauge progressAt = Gauge.build("sluice_progress_timestamp_seconds",
            "When Spark last reported progress for the query, Unix seconds.").labelNames(QUERY_LABELS).create();
    final Gauge kafkaLag = Gauge.build("sluice_kafka_consumer_lag_records",
            "Records in a Kafka partition the query has not processed yet: latest offset minus the query's end offset.")
            .labelNames("query", "domain", "aggregation", "topic", "partition").create();

    final Counter clickHouseRows = Counter.build("sluice_clickhouse_rows_written_total",
            "Rows inserted into a ClickHouse table.").labelNames("table").create();
    final Histogram clickHouseLatency = Histogram.build("sluice_clickhouse_insert_duration_seconds",
                    "Duration of one successful insert call into a table, retries included.")
            .labelNames("table").buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60).create();
    final Counter clickHouseRetries = Counter.build("sluice_clickhouse_insert_retries_total",
            "Insert attempts that failed and were retried, by failure kind.").labelNames("table", "kind").create();
    final Counter clickHouseFailures = Counter.build("sluice_clickhouse_insert_failures_total",
            "Insert calls that failed for good, by failure kind (retriable = attempts exhausted).").labelNames("table", "kind").create();

    final Counter onlineWrites = Counter.build("sluice_online_writes_total",
            "Entities whose online features (newest window) were written to Redis.").labelNames("domain", "aggregation").create();
    final Counter onlineStale = Counter.build("sluice_online_stale_writes_total",
            "Online feature writes Redis skipped because it already held a newer window or version (replays, re-run batches, late updates).")
            .labelNames("domain", "aggregation").create();
    final Histogram onlineLatency = Histogram.build("sluice_online_write_duration_seconds",
                    "Duration of one batch's online feature write to Redis, retries included.")
            .labelNames("domain", "aggregation").buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30).create();
    final Counter onlineErrors = Counter.build("sluice_online_errors_total",
            "Failed Redis calls of the online feature writes, by kind (connection, timeout, auth, noscript, loading, readonly, busy, oom, wrong_type, other).")
            .labelNames("kind").create();

    private final CollectorRegistry registry;
    private final Map<QueryId, QueryMetrics> queries = new ConcurrentHashMap<>();
    private final SinkMetrics sink = new SinkMetrics(this);
    private final OnlineMetrics online = new OnlineMetrics(this);

    private PipelineMetrics(CollectorRegistry registry) {
        this.registry = registry;
        registry.register(inputRows);
        registry.register(inputRowsPerSecond);
        registry.register(processedRowsPerSecond);
        registry.register(batchDuration);
        registry.register(triggerLag);
        registry.register(watermark);
        registry.register(watermarkDelay);
        registry.register(stateRows);
        registry.register(stateMemory);
        registry.register(lateEvents);
        registry.register(partlyLateEvents);
        registry.register(deadLetters);
        registry.register(outputRows);
        registry.register(committedBatch);
        registry.register(committedAt);
        registry.register(progressBatch);
        registry.register(progressAt);
        registry.register(kafkaLag);
        registry.register(clickHouseRows);
        registry.register(clickHouseLatency);
        registry.register(clickHouseRetries);
        registry.register(clickHouseFailures);
        registry.register(onlineWrites);
        registry.register(onlineStale);
        registry.register(onlineLatency);
        registry.register(onlineErrors);
    }

    /** A fresh registry with the pipeline's metrics and the JVM's (heap, GC, threads) under their standard names. */
    public static PipelineMetrics create() {
        PipelineMetrics metrics = new PipelineMetrics(new CollectorRegistry(true));
        DefaultExports.register(metrics.registry);
        return metrics;
    }

    /** Only the pipeline's metrics: for tests that assert on the exposition. */
    public static PipelineMetrics withoutJvmMetrics() {
        return new PipelineMetrics(new CollectorRegistry(true));
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /**
     * Serves these metrics on {@code platform.metrics.port} when {@code platform.metrics.enabled}; close the returned
     * server when the job ends.
     *
     * @throws MetricsServerException when the port is taken, naming platform.metrics.port
     */
    public Optional<MetricsServer> serve(MetricsConfig config) {
        return MetricsServer.startIfEnabled(config, "streaming job", registry);
    }

    public QueryMetrics query(QueryId id) {
        return queries.computeIfAbsent(id, q -> new QueryMetrics(this, q));
    }

    /** Shorthand for {@code query(QueryId.parse(queryName))}. */
    public QueryMetrics query(String queryName) {
        return query(QueryId.parse(queryName));
    }

    public SinkMetrics sink() {
        return sink;
    }

    public OnlineMetrics online() {
        return online;
    }
}
