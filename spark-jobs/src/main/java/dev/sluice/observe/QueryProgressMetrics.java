package dev.sluice.observe;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.BatchTally;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.metrics.QueryId;
import dev.sluice.metrics.QueryMetrics;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Feeds {@link PipelineMetrics} from every progress report of every streaming query of the session, and logs one
 * {@link ProgressLogLine} per batch per query on the logger {@code dev.sluice.progress}.
 *
 * <p>Register once per SparkSession, on the driver, before starting the queries:
 * {@code spark.streams().addListener(QueryProgressMetrics.forConfig(metrics, config))}. Spark calls it on its
 * listener-bus thread after each batch; it does no I/O besides the log line, so it cannot slow the queries down.
 */
public final class QueryProgressMetrics extends StreamingQueryListener {

    private static final long serialVersionUID = 1L;
    static final Logger PROGRESS = LoggerFactory.getLogger("dev.sluice.progress");
    private static final Logger LOG = LoggerFactory.getLogger(QueryProgressMetrics.class);

    private final transient PipelineMetrics metrics;
    private final Map<String, Duration> triggerIntervals;
    private final transient Clock clock;
    /** Told about every batch after the metrics: the console view, the falling-behind warning. */
    private final transient List<BatchObserver> observers = new CopyOnWriteArrayList<>();

    /**
     * @param triggerIntervals trigger interval per query name, to measure overruns; queries not in it get no trigger lag
     */
    public QueryProgressMetrics(PipelineMetrics metrics, Map<String, Duration> triggerIntervals, Clock clock) {
        this.metrics = metrics;
        this.triggerIntervals = Map.copyOf(triggerIntervals);
        this.clock = clock;
    }

    /** Trigger intervals from the config: each aggregation's {@code trigger}, else {@code spark.triggerInterval}. */
    public static QueryProgressMetrics forConfig(PipelineMetrics metrics, SluiceConfig config) {
        Map<String, Duration> intervals = triggerIntervals(config);
        return new QueryProgressMetrics(metrics, intervals, Clock.systemUTC())
                .observe(FallingBehindWarning.toLog(intervals, config.environment()));
    }

    /** Also tells {@code observer} about every batch. */
    public QueryProgressMetrics observe(BatchObserver observer) {
        observers.add(observer);
        return this;
    }

    static Map<String, Duration> triggerIntervals(SluiceConfig config) {
        Duration platformDefault = config.platform().spark().triggerInterval();
        Map<String, Duration> intervals = new HashMap<>();
        for (DomainConfig domain : config.domains().values()) {
            for (AggregationConfig aggregation : domain.aggregations().values()) {
                Duration interval = aggregation.trigger() != null ? aggregation.trigger() : platformDefault;
                intervals.put(new QueryId(domain.name(), aggregation.name()).name(), interval);
            }
        }
        return intervals;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("streaming query {} started (id {}, run {})", event.name(), event.id(), event.runId());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        try {
            record(ProgressReader.read(event.progress()));
        } catch (RuntimeException e) {
            // A bug here must cost a metric update, never the query: Spark would only log it anyway.
            LOG.warn("could not record progress of streaming query {} batch {}: {} [bug]",
                    event.progress().name(), event.progress().batchId(), e.toString(), e);
        }
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        // No batch ran, so nothing changed; the progress timestamp stays at the last batch on purpose.
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.exception().isDefined()) {
            LOG.error("streaming query {} (run {}) stopped with an error: {}", event.id(), event.runId(), event.exception().get());
        } else {
            LOG.info("streaming query {} (run {}) stopped", event.id(), event.runId());
        }
    }

    /** Updates the metrics from one snapshot and logs its line. */
    void record(ProgressSnapshot p) {
        var now = clock.instant();
        QueryMetrics query = metrics.query(p.query());
        query.progressReported(p.batchId(), now);
        query.inputRows(p.inputRows());
        query.rates(p.inputRowsPerSecond(), p.processedRowsPerSecond());
        p.batchDuration().ifPresent(query::batchDuration);
        Optional<Duration> overrun = triggerOverrun(p);
        overrun.ifPresent(query::triggerLag);
        p.watermark().ifPresent(w -> query.watermark(w, now));
        query.state(p.stateRows(), p.stateMemoryBytes());
        if (p.lagKnown()) {
            query.kafkaLag(p.kafkaLag());
        }
        BatchTally tally = query.takeTally(p.batchId());
        if (PROGRESS.isInfoEnabled()) {
            PROGRESS.info(ProgressLogLine.format(p, tally, overrun, now));
        }
        for (BatchObserver observer : observers) {
            observer.batch(p, tally, overrun, now);
        }
    }

    private Optional<Duration> triggerOverrun(ProgressSnapshot p) {
        Duration interval = triggerIntervals.get(p.query().name());
        if (interval == null || p.batchDuration().isEmpty()) {
            return Optional.empty();
        }
        Duration overrun = p.batchDuration().get().minus(interval);
        return Optional.of(overrun.isNegative() ? Duration.ZERO : overrun);
    }
}
