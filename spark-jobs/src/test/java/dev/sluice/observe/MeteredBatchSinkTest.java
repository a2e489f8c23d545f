package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchCounts;
import dev.sluice.sink.SinkTables;
import dev.sluice.testing.InMemoryBatchSink;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MeteredBatchSinkTest {

    private static final String QUERY = "payments.merchant_fraud_5m";
    private static final String[] Q = {"query", "domain", "aggregation"};
    private static final String[] FRAUD = {QUERY, "payments", "merchant_fraud_5m"};
    private static final String[] REASON = {"query", "domain", "aggregation", "reason"};

    private final PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
    private final CollectorRegistry registry = metrics.registry();
    private final InMemoryBatchSink memory = new InMemoryBatchSink();
    private final MeteredBatchSink sink = new MeteredBatchSink(memory, metrics);

    @Test
    void aCommittedBatchReportsLateEventsDeadLettersByReasonAndRowsWritten() {
        sink.nextVersion(QUERY);
        sink.insert(SinkTables.DEAD_LETTERS, SinkTables.DEAD_LETTER_COLUMNS, deadLetters("bad_magic_byte", "bad_magic_byte", "unknown_schema_id").iterator());
        assertNull(registry.getSampleValue("sluice_dead_letters_total", REASON, reason("bad_magic_byte")), "nothing counts before the commit");

        sink.commit(commit(7, 3, 3, Map.of("payments_merchant_fraud_5m", 12L, SinkTables.DEAD_LETTERS, 3L, SinkTables.LATE_EVENTS, 3L)));

        assertEquals(2.0, registry.getSampleValue("sluice_dead_letters_total", REASON, reason("bad_magic_byte")));
        assertEquals(1.0, registry.getSampleValue("sluice_dead_letters_total", REASON, reason("unknown_schema_id")));
        assertNull(registry.getSampleValue("sluice_dead_letters_total", REASON, reason("unknown")));
        assertEquals(3.0, registry.getSampleValue("sluice_late_events_total", Q, FRAUD));
        assertEquals(7.0, registry.getSampleValue("sluice_committed_batch_id", Q, FRAUD));
        assertEquals(18.0, registry.getSampleValue("sluice_output_rows_total", Q, FRAUD));
        assertEquals(1, memory.commits().size(), "the commit reached the real sink");
        assertEquals(3, memory.inserts().get(0).rows().size(), "every dead letter reached the real sink");
        BatchTally tally = metrics.query(QUERY).takeTally(7);
        assertEquals(Map.of("bad_magic_byte", 2L, "unknown_schema_id", 1L), tally.deadLettersByReason());
        assertEquals(18, tally.rowsWritten());
    }

    @Test
    void aFailedAttemptIsForgottenWhenTheBatchIsWrittenAgain() {
        sink.nextVersion(QUERY);
        sink.insert(SinkTables.DEAD_LETTERS, SinkTables.DEAD_LETTER_COLUMNS, deadLetters("undecodable").iterator());
        // ... the aggregate insert fails, Spark re-runs the batch:
        sink.nextVersion(QUERY);
        sink.insert(SinkTables.DEAD_LETTERS, SinkTables.DEAD_LETTER_COLUMNS, deadLetters("undecodable").iterator());
        sink.commit(commit(8, 0, 1, Map.of(SinkTables.DEAD_LETTERS, 1L)));

        assertEquals(1.0, registry.getSampleValue("sluice_dead_letters_total", REASON, reason("undecodable")));
    }

    @Test
    void deadLettersWhoseReasonWasNotSeenStillCount() {
        sink.nextVersion(QUERY);
        sink.commit(commit(9, 0, 2, Map.of()));

        assertEquals(2.0, registry.getSampleValue("sluice_dead_letters_total", REASON, reason("unknown")));
    }

    private static String[] reason(String reason) {
        return new String[] {QUERY, "payments", "merchant_fraud_5m", reason};
    }

    private static BatchCommit commit(long batch, long late, long deadLetters, Map<String, Long> rowsByTable) {
        Instant now = Instant.parse("2025-03-01T10:15:00Z");
        return new BatchCommit(QUERY, "run-1", batch, rowsByTable, now, now, 1, new BatchCounts(12, 100, late, 0, deadLetters, 0));
    }

    private static List<String> deadLetters(String... reasons) {
        return java.util.Arrays.stream(reasons).map(r -> "{\"topic\":\"payments.transactions\",\"kafka_partition\":0,\"kafka_offset\":1,"
                + "\"kafka_timestamp\":\"2025-03-01T10:00:00Z\",\"key_base64\":\"\",\"value_base64\":\"AA==\",\"reason\":\"" + r + "\","
                + "\"error\":\"x\",\"domain\":\"payments\",\"event_type\":\"transaction\",\"aggregation\":\"merchant_fraud_5m\"}").toList();
    }
}
