package dev.sluice.bench;

import dev.sluice.observe.ProgressReader;
import dev.sluice.observe.ProgressSnapshot;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.StreamingQueryListener;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Watches the streaming queries' progress reports and notes, per query, the moment its batches first reached the
 * target end offsets (everything preloaded), so that catch-up time excludes the idle triggers {@code --until-idle}
 * waits for before it stops a query. Also sums what each batch reported (rows, batches, Spark's per-phase durations):
 * the profile of where catch-up time went.
 */
final class DrainTracker extends StreamingQueryListener {

    private static final long serialVersionUID = 1L;

    /** What one query did while it was being tracked. */
    static final class QueryTally {
        long batches;
        long inputRows;
        long drainedAtNanos = -1;
        long maxStateRows;
        final Map<String, Long> durationsMs = new TreeMap<>();

        boolean drained() {
            return drainedAtNanos >= 0;
        }
    }

    private final transient Map<String, Map<Integer, Long>> targetsByTopic;
    private final transient LongSupplier clock;
    private final transient Map<String, QueryTally> tallies = new ConcurrentHashMap<>();
    private final transient Map<String, String> idsByName = new ConcurrentHashMap<>();

    /** @param targetsByTopic per topic, the end offset (exclusive) of every partition the queries must reach */
    DrainTracker(Map<String, Map<Integer, Long>> targetsByTopic, LongSupplier nanoClock) {
        this.targetsByTopic = Map.copyOf(targetsByTopic);
        this.clock = nanoClock;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        if (event.name() != null) {
            idsByName.put(event.name(), event.id().toString());
        }
    }

    /** Spark's id of the query named {@code name} (what {@link QueryCosts} counts by); "" if it never started. */
    String queryId(String name) {
        return idsByName.getOrDefault(name, "");
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        ProgressSnapshot p = ProgressReader.read(event.progress());
        Map<String, Long> durations = new LinkedHashMap<>();
        if (event.progress().durationMs() != null) {
            event.progress().durationMs().forEach((k, v) -> durations.put(k, v));
        }
        record(p.query().name(), p.endOffsets(), p.inputRows(), p.stateRows(), durations);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    /** One progress report of {@code query}; separate from Spark's event for tests. */
    void record(String query, Map<TopicPartition, Long> endOffsets, long inputRows, long stateRows, Map<String, Long> durationsMs) {
        long now = clock.getAsLong();
        QueryTally tally = tallies.computeIfAbsent(query, q -> new QueryTally());
        synchronized (tally) {
            if (tally.drained()) {
                return; // idle triggers after the drain are not part of catch-up
            }
            if (inputRows > 0) {
                tally.batches++;
                tally.inputRows += inputRows;
                durationsMs.forEach((phase, ms) -> tally.durationsMs.merge(phase, ms, Long::sum));
            }
            tally.maxStateRows = Math.max(tally.maxStateRows, stateRows);
            if (reachedTargets(endOffsets)) {
                tally.drainedAtNanos = now;
            }
        }
    }

    /** True when the offsets cover a target topic completely (a query reads one topic). */
    boolean reachedTargets(Map<TopicPartition, Long> endOffsets) {
        if (endOffsets.isEmpty()) {
            return false;
        }
        String topic = endOffsets.keySet().iterator().next().topic();
        Map<Integer, Long> target = targetsByTopic.get(topic);
        if (target == null) {
            return false;
        }
        for (Map.Entry<Integer, Long> partition : target.entrySet()) {
            Long reached = endOffsets.get(new TopicPartition(topic, partition.getKey()));
            if (partition.getValue() > 0 && (reached == null || reached < partition.getValue())) {
                return false;
            }
        }
        return true;
    }

    Map<String, QueryTally> tallies() {
        return tallies;
    }
}
