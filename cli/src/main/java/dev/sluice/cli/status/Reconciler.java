package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Works out a {@link QueryFlow} from what status gathered about a query. Pure arithmetic, no I/O. */
public final class Reconciler {

    private Reconciler() {
    }

    public static QueryFlow flow(QueryStatus q) {
        List<String> explanations = new ArrayList<>();
        CheckpointState cp = q.checkpoint();
        Optional<TopicOffsets> kafka = q.topicOffsets();
        Optional<Long> retained = kafka.map(TopicOffsets::retained);
        Optional<Long> beforeStart = Optional.empty();
        Optional<Long> consumed = Optional.empty();
        Optional<Long> consumedDeleted = Optional.empty();
        Optional<Long> notYetRead = q.lag();

        if (!cp.exists()) {
            consumed = Optional.of(0L);
            beforeStart = Optional.of(0L);
            notYetRead = retained;
            explanations.add("the query has not run with this checkpoint; it starts at the "
                    + q.aggregation().startingOffsets().name().toLowerCase(java.util.Locale.ROOT) + " offsets when it does");
        } else if (cp.initialOffsets().isEmpty()) {
            explanations.add("the checkpoint does not record where the query started (no sources/0/0), so what it consumed is unknown");
        } else {
            Map<TopicPartition, Long> initial = cp.initialOffsets();
            java.util.Set<TopicPartition> partitions = new java.util.HashSet<>(initial.keySet());
            partitions.addAll(cp.processedOffsets().keySet());
            long read = 0;
            for (TopicPartition tp : partitions) {
                // A partition added after the query started is read from its beginning.
                long start = initial.getOrDefault(tp, kafka.map(k -> k.earliest().getOrDefault(tp, 0L)).orElse(0L));
                read += Math.max(0, cp.processedOffsets().getOrDefault(tp, start) - start);
            }
            consumed = Optional.of(read);
            if (kafka.isPresent()) {
                long before = 0;
                long deleted = 0;
                for (Map.Entry<TopicPartition, Long> e : kafka.get().latest().entrySet()) {
                    TopicPartition tp = e.getKey();
                    long earliest = kafka.get().earliest().getOrDefault(tp, 0L);
                    // A partition added after the query started is read from its beginning.
                    long start = initial.getOrDefault(tp, earliest);
                    long processed = cp.processedOffsets().getOrDefault(tp, start);
                    before += Math.max(0, start - earliest);
                    deleted += Math.max(0, Math.min(earliest, processed) - start);
                }
                beforeStart = Optional.of(before);
                consumedDeleted = Optional.of(deleted);
                if (deleted > 0) {
                    explanations.add(Ages.count(deleted) + " of the consumed records have since been deleted from Kafka by retention");
                }
            }
        }

        AggregationCounts counts = q.counts();
        Optional<Long> remainder = Optional.empty();
        if (consumed.isPresent() && counts.aggregatedEvents().isPresent() && counts.lateEvents().isPresent() && counts.deadLetters().isPresent()) {
            remainder = Optional.of(consumed.get() - counts.aggregatedEvents().get() - counts.lateEvents().get() - counts.deadLetters().get());
        }
        if (counts.aggregatedEvents().isEmpty()) {
            explanations.add("aggregated events unknown: " + counts.aggregatedHow());
        }
        if (counts.lateEvents().isEmpty() || counts.deadLetters().isEmpty()) {
            explanations.add("late events or dead letters unknown (ClickHouse did not answer; see the notes)");
        }
        remainder.ifPresent(r -> explanations.addAll(remainderCauses(r, q.aggregation(), cp)));
        return new QueryFlow(q.id().aggregation(), q.topic(), retained, beforeStart, consumed, consumedDeleted, notYetRead,
                counts.aggregatedEvents(), counts.lateEvents(), counts.deadLetters(), remainder, List.copyOf(explanations));
    }

    /** What can make up a remainder, given the aggregation's config, so the reader knows where to look. */
    static List<String> remainderCauses(long remainder, AggregationConfig aggregation, CheckpointState cp) {
        List<String> causes = new ArrayList<>();
        if (remainder > 0) {
            if (!aggregation.filter().isEmpty()) {
                causes.add("events the aggregation's filter excludes");
            }
            if (aggregation.deduplicate()) {
                causes.add("repeated event_ids dropped by deduplicate: true");
            }
            if (aggregation.outputMode() == AggregationConfig.OutputMode.APPEND) {
                causes.add("events in windows still open (append mode writes a window once the watermark has passed it)");
            }
            if (causes.isEmpty()) {
                causes.add("nothing in the config explains them (no filter, no deduplication, update mode): look for errors in"
                        + " the job's log (var/log/sluice-run.log) and for batches re-run after a failure");
            }
            return List.of("the remainder of " + Ages.count(remainder) + " is " + String.join("; or ", causes));
        }
        if (remainder < 0) {
            return List.of("ClickHouse holds " + Ages.count(-remainder) + " more events than this checkpoint consumed: rows from an"
                    + " earlier checkpoint of the query (reset or replaced), a replay, or a batch written but not yet committed"
                    + cp.plannedBatch().map(b -> " (batch " + b + " is planned but not committed)").orElse(""));
        }
        return List.of();
    }
}
