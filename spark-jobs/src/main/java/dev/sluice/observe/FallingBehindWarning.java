package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Says once per query, on the console, that it cannot keep up with its trigger: Spark's own "Current batch is falling
 * behind" is logged for every such batch (in the log file only), names no query and no setting.
 *
 * <p>Only a live batch counts: one with events that arrived after the query had worked through the backlog Kafka held
 * when it started, and not capped by {@code maxOffsetsPerTrigger} (which leaves lag behind). Working through a backlog
 * in batches longer than the trigger is what catching up is (the progress line shows it and its ETA), the first batch
 * pays for the cold start (code generation, state store loading), and an empty batch delays no event.
 */
public final class FallingBehindWarning implements BatchObserver {

    private static final Logger LOG = LoggerFactory.getLogger(FallingBehindWarning.class);

    private final Map<String, Duration> triggerIntervals;
    private final String environment;
    private final Consumer<String> warn;
    private final Set<String> warned = new HashSet<>();
    /** Per query: the Kafka end offsets (summed) of the backlog at its first batch, and after its latest batch. */
    private final Map<String, Long> backlogEnd = new HashMap<>();
    private final Map<String, Long> processedTo = new HashMap<>();

    FallingBehindWarning(Map<String, Duration> triggerIntervals, String environment, Consumer<String> warn) {
        this.triggerIntervals = Map.copyOf(triggerIntervals);
        this.environment = environment;
        this.warn = warn;
    }

    public static FallingBehindWarning toLog(Map<String, Duration> triggerIntervals, String environment) {
        return new FallingBehindWarning(triggerIntervals, environment, LOG::warn);
    }

    private static long sum(Map<?, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public synchronized void batch(ProgressSnapshot p, BatchTally tally, Optional<Duration> overrun, Instant now) {
        String query = p.query().name();
        long end = sum(p.endOffsets());
        Long before = processedTo.put(query, end);
        Long backlog = backlogEnd.putIfAbsent(query, sum(p.latestOffsets()));
        Duration interval = triggerIntervals.get(query);
        boolean live = before != null && backlog != null && before >= backlog && p.inputRows() > 0;
        boolean capped = !p.lagKnown() || sum(p.kafkaLag()) > 0;
        if (interval == null || !live || capped || overrun.isEmpty() || overrun.get().isZero() || p.batchDuration().isEmpty()
                || warned.contains(query)) {
            return;
        }
        warned.add(query);
        warn.accept(String.format(java.util.Locale.ROOT,
                "query %s is falling behind: batch %d took %.1f s with no backlog to catch up, longer than its %d s trigger, so new"
                        + " events wait longer than the trigger to be written. Raise spark.triggerInterval in environments/%s.yaml"
                        + " (or this aggregation's trigger: in its domain file), or run the job with more cores. Said once;"
                        + " every such batch is in the log file.",
                query, p.batchId(), p.batchDuration().get().toMillis() / 1000.0, interval.toSeconds(), environment));
    }
}
