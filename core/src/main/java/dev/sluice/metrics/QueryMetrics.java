package dev.sluice.metrics;

import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The metrics of one streaming query. The progress listener records what Spark reports; the sink records what only
 * it knows (late events, dead letters, the commit of a batch).
 */
public final class QueryMetrics {

    /**
     * Tallies of batches the listener has not logged yet. Progress events arrive a little after the batch ends, so
     * at most a few are open; the bound only protects memory if no listener is registered at all.
     */
    private static final int MAX_OPEN_TALLIES = 64;

    private final PipelineMetrics m;
    private final QueryId id;
    private final String[] labels;
    private final ConcurrentSkipListMap<Long, BatchTally> openTallies = new ConcurrentSkipListMap<>();

    QueryMetrics(PipelineMetrics metrics, QueryId id) {
        this.m = metrics;
        this.id = id;
        this.labels = new String[] {id.name(), id.domain(), id.aggregation()};
    }

    public QueryId id() {
        return id;
    }

    // ---- called by the sink, inside foreachBatch, on the driver ----

    /** {@code count} events of batch {@code batchId} were too late for their window and went to the late-events table. */
    public void lateEvents(long batchId, long count) {
        if (count > 0) {
            m.lateEvents.labels(labels).inc(count);
            tally(batchId).addLateEvents(count);
        }
    }

    /** {@code count} events of batch {@code batchId} were too late for some of their (sliding) windows: recorded, and counted in the rest. */
    public void partlyLateEvents(long batchId, long count) {
        if (count > 0) {
            m.partlyLateEvents.labels(labels).inc(count);
        }
    }

    /** {@code count} records of batch {@code batchId} became dead letters for {@code reason} (e.g. bad_wire_format). */
    public void deadLetters(long batchId, String reason, long count) {
        if (count > 0) {
            String r = reason == null || reason.isBlank() ? "unknown" : reason;
            m.deadLetters.labels(id.name(), id.domain(), id.aggregation(), r).inc(count);
            tally(batchId).addDeadLetters(r, count);
        }
    }

    /** Every ClickHouse write of batch {@code batchId} succeeded; {@code rowsWritten} counts all its tables' rows. */
    public void batchCommitted(long batchId, long rowsWritten, Instant at) {
        m.committedBatch.labels(labels).set(batchId);
        m.committedAt.labels(labels).set(at.toEpochMilli() / 1000.0);
        if (rowsWritten > 0) {
            m.outputRows.labels(labels).inc(rowsWritten);
        }
        tally(batchId).committed(rowsWritten);
    }

    public void batchCommitted(long batchId, long rowsWritten) {
        batchCommitted(batchId, rowsWritten, Instant.now());
    }

    // ---- called by the progress listener ----

    /** Spark reported progress for {@code batchId} at {@code reportedAt}. */
    public void progressReported(long batchId, Instant reportedAt) {
        m.progressBatch.labels(labels).set(batchId);
        m.progressAt.labels(labels).set(reportedAt.toEpochMilli() / 1000.0);
    }

    public void inputRows(long rows) {
        if (rows > 0) {
            m.inputRows.labels(labels).inc(rows);
        }
    }

    public void rates(double inputRowsPerSecond, double processedRowsPerSecond) {
        m.inputRowsPerSecond.labels(labels).set(finite(inputRowsPerSecond));
        m.processedRowsPerSecond.labels(labels).set(finite(processedRowsPerSecond));
    }

    public void batchDuration(Duration duration) {
        m.batchDuration.labels(labels).observe(duration.toMillis() / 1000.0);
    }

    public void triggerLag(Duration lag) {
        m.triggerLag.labels(labels).set(Math.max(0, lag.toMillis()) / 1000.0);
    }

    /** The watermark and how far it trails {@code now}. */
    public void watermark(Instant watermark, Instant now) {
        m.watermark.labels(labels).set(watermark.toEpochMilli() / 1000.0);
        m.watermarkDelay.labels(labels).set(Math.max(0, now.toEpochMilli() - watermark.toEpochMilli()) / 1000.0);
    }

    public void state(long rows, long memoryBytes) {
        m.stateRows.labels(labels).set(rows);
        m.stateMemory.labels(labels).set(memoryBytes);
    }

    /** Lag of each partition the query reads; partitions not in the map keep their last value. */
    public void kafkaLag(Map<TopicPartition, Long> lagByPartition) {
        lagByPartition.forEach((tp, lag) -> m.kafkaLag
                .labels(id.name(), id.domain(), id.aggregation(), tp.topic(), Integer.toString(tp.partition()))
                .set(lag));
    }

    /**
     * Takes what the sink reported for {@code batchId} (empty when it reported nothing) and forgets it together with
     * any older batch's tally nobody took.
     */
    public BatchTally takeTally(long batchId) {
        BatchTally tally = openTallies.remove(batchId);
        openTallies.headMap(batchId).clear();
        return tally == null ? new BatchTally() : tally;
    }

    private BatchTally tally(long batchId) {
        BatchTally tally = openTallies.computeIfAbsent(batchId, b -> new BatchTally());
        while (openTallies.size() > MAX_OPEN_TALLIES) {
            openTallies.pollFirstEntry();
        }
        return tally;
    }

    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
