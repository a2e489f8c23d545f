package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.metrics.QueryId;
import dev.sluice.metrics.QueryMetrics;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Progress snapshots and sink tallies as a query's batches produce them, for the console tests. */
final class ConsoleFixtures {

    static final QueryId FRAUD = new QueryId("payments", "merchant_fraud_5m");
    static final TopicPartition P0 = new TopicPartition("payments.transactions", 0);

    private ConsoleFixtures() {
    }

    /** Batch {@code id} that read {@code rows}, ended at offset {@code end} of {@code latest} available. */
    static ProgressSnapshot batch(long id, Instant started, long rows, long end, long latest, Duration took, Instant watermark) {
        return new ProgressSnapshot(FRAUD, id, started, rows, rows / 5.0, rows / Math.max(1, took.toSeconds()), Optional.of(took),
                Optional.ofNullable(watermark), 10, 1000, Map.of(P0, end), Map.of(P0, latest));
    }

    /** What the sink reports for a batch: late events and dead letters with one reason. */
    static BatchTally tally(long batchId, long late, long deadLetters) {
        QueryMetrics query = PipelineMetrics.withoutJvmMetrics().query(FRAUD);
        if (late > 0) {
            query.lateEvents(batchId, late);
        }
        if (deadLetters > 0) {
            query.deadLetters(batchId, "unknown_schema_id", deadLetters);
        }
        return query.takeTally(batchId);
    }
}
