package dev.sluice.metrics;

import io.prometheus.client.CollectorRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineMetricsTest {

    private static final String[] Q = {"query", "domain", "aggregation"};
    private static final String[] PAYMENTS_FRAUD = {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m"};

    private final PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
    private final CollectorRegistry registry = metrics.registry();

    @Test
    void queryNameSplitsIntoDomainAndAggregationLabels() {
        QueryMetrics query = metrics.query("payments.merchant_fraud_5m");
        query.inputRows(120);
        query.inputRows(30);

        assertEquals(150.0, registry.getSampleValue("sluice_input_rows_total", Q, PAYMENTS_FRAUD));
        assertEquals(new QueryId("payments", "merchant_fraud_5m"), query.id());
        assertEquals(new QueryId("", "adhoc"), QueryId.parse("adhoc"));
        assertEquals("adhoc", QueryId.parse("adhoc").name());
    }

    @Test
    void watermarkAndItsDelayBehindTheWallClock() {
        QueryMetrics query = metrics.query("payments.merchant_fraud_5m");
        query.watermark(Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T10:02:30Z"));

        assertEquals(1735725600.0, registry.getSampleValue("sluice_watermark_timestamp_seconds", Q, PAYMENTS_FRAUD));
        assertEquals(150.0, registry.getSampleValue("sluice_watermark_delay_seconds", Q, PAYMENTS_FRAUD));
    }

    @Test
    void sinkReportsAreCountedAndKeptPerBatchForTheProgressLine() {
        QueryMetrics query = metrics.query("payments.merchant_fraud_5m");
        query.lateEvents(7, 3);
        query.deadLetters(7, "bad_wire_format", 2);
        query.deadLetters(7, "unknown_schema_id", 1);
        query.batchCommitted(7, 40, Instant.parse("2025-01-01T10:00:00Z"));
        query.lateEvents(8, 5); // the next batch has started before batch 7's progress was logged

        BatchTally seven = query.takeTally(7);
        assertEquals(3, seven.lateEvents());
        assertEquals(3, seven.deadLetters());
        assertEquals(Map.of("bad_wire_format", 2L, "unknown_schema_id", 1L), seven.deadLettersByReason());
        assertEquals(40, seven.rowsWritten());
        assertTrue(seven.isCommitted());
        assertEquals(5, query.takeTally(8).lateEvents());
        assertFalse(query.takeTally(9).isCommitted(), "a batch the sink never reported has an empty tally");

        assertEquals(8.0, registry.getSampleValue("sluice_late_events_total", Q, PAYMENTS_FRAUD));
        assertEquals(2.0, registry.getSampleValue("sluice_dead_letters_total", new String[] {"query", "domain", "aggregation", "reason"},
                new String[] {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m", "bad_wire_format"}));
        assertEquals(7.0, registry.getSampleValue("sluice_committed_batch_id", Q, PAYMENTS_FRAUD));
        assertEquals(1735725600.0, registry.getSampleValue("sluice_committed_batch_timestamp_seconds", Q, PAYMENTS_FRAUD));
        assertEquals(40.0, registry.getSampleValue("sluice_output_rows_total", Q, PAYMENTS_FRAUD));
    }

    @Test
    void takingATallyForgetsOlderUntakenOnes() {
        QueryMetrics query = metrics.query("a.b");
        query.lateEvents(1, 1);
        query.lateEvents(2, 1);
        query.takeTally(2);

        assertEquals(0, query.takeTally(1).lateEvents());
    }

    @Test
    void kafkaLagPerTopicPartition() {
        metrics.query("payments.merchant_fraud_5m").kafkaLag(Map.of(new TopicPartition("payments.transactions", 3), 42L));

        assertEquals(42.0, registry.getSampleValue("sluice_kafka_consumer_lag_records",
                new String[] {"query", "domain", "aggregation", "topic", "partition"},
                new String[] {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m", "payments.transactions", "3"}));
    }

    @Test
    void clickHouseInsertsRetriesAndFailuresPerTableWithOneSpellingOfEachKind() {
        SinkMetrics sink = metrics.sink();
        sink.inserted("payments_merchant_fraud_5m", 25, Duration.ofMillis(30));
        sink.inserted("payments_merchant_fraud_5m", 5, Duration.ofMillis(70));
        sink.retried("payments_merchant_fraud_5m", "RETRIABLE");
        sink.failed("payments_merchant_fraud_5m", "bad data");
        sink.failed("payments_merchant_fraud_5m", "BAD_DATA");

        String[] table = {"table"};
        String[] fraud = {"payments_merchant_fraud_5m"};
        assertEquals(30.0, registry.getSampleValue("sluice_clickhouse_rows_written_total", table, fraud));
        assertEquals(2.0, registry.getSampleValue("sluice_clickhouse_insert_duration_seconds_count", table, fraud));
        assertEquals(0.1, registry.getSampleValue("sluice_clickhouse_insert_duration_seconds_sum", table, fraud), 1e-9);
        assertEquals(1.0, registry.getSampleValue("sluice_clickhouse_insert_duration_seconds_bucket",
                new String[] {"table", "le"}, new String[] {"payments_merchant_fraud_5m", "0.05"}));
        assertEquals(1.0, registry.getSampleValue("sluice_clickhouse_insert_retries_total",
                new String[] {"table", "kind"}, new String[] {"payments_merchant_fraud_5m", "retriable"}));
        assertEquals(2.0, registry.getSampleValue("sluice_clickhouse_insert_failures_total",
                new String[] {"table", "kind"}, new String[] {"payments_merchant_fraud_5m", "bad_data"}));
    }

    @Test
    void nonFiniteRatesFromAnEmptyBatchBecomeZeroAndTriggerLagIsNeverNegative() {
        QueryMetrics query = metrics.query("a.b");
        query.rates(Double.NaN, Double.POSITIVE_INFINITY);
        query.triggerLag(Duration.ofSeconds(-3));

        String[] ab = {"a.b", "a", "b"};
        assertEquals(0.0, registry.getSampleValue("sluice_input_rows_per_second", Q, ab));
        assertEquals(0.0, registry.getSampleValue("sluice_processed_rows_per_second", Q, ab));
        assertEquals(0.0, registry.getSampleValue("sluice_trigger_lag_seconds", Q, ab));
    }

    @Test
    void aQueryNobodyMeasuredHasNoSamples() {
        assertNull(registry.getSampleValue("sluice_input_rows_total", Q, PAYMENTS_FRAUD));
    }
}
