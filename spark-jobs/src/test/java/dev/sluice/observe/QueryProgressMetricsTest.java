package dev.sluice.observe;

import dev.sluice.metrics.PipelineMetrics;
import io.prometheus.client.CollectorRegistry;
import org.apache.spark.sql.streaming.StreamingQueryListener.QueryProgressEvent;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryProgressMetricsTest {

    private static final String[] Q = {"query", "domain", "aggregation"};
    private static final String[] FRAUD = {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m"};
    private static final Instant NOW = Instant.parse("2025-03-01T10:15:12.500Z");

    private final PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
    private final CollectorRegistry registry = metrics.registry();

    @Test
    void everyFieldOfAKafkaProgressReportLandsInItsMetric() {
        QueryProgressMetrics listener = new QueryProgressMetrics(metrics,
                Map.of("payments.merchant_fraud_5m", Duration.ofSeconds(10)), Clock.fixed(NOW, ZoneOffset.UTC));

        listener.onQueryProgress(new QueryProgressEvent(ProgressJson.resource("/observe/kafka-progress.json")));

        assertEquals(1500.0, value("sluice_input_rows_total"));
        assertEquals(150.0, value("sluice_input_rows_per_second"));
        assertEquals(300.0, value("sluice_processed_rows_per_second"));
        assertEquals(1.0, value("sluice_batch_duration_seconds_count"));
        assertEquals(12.5, value("sluice_batch_duration_seconds_sum"));
        assertEquals(2.5, value("sluice_trigger_lag_seconds"), "12.5 s batch with a 10 s trigger");
        assertEquals(Instant.parse("2025-03-01T10:12:30Z").getEpochSecond(), value("sluice_watermark_timestamp_seconds"));
        assertEquals(162.5, value("sluice_watermark_delay_seconds"));
        assertEquals(2040.0, value("sluice_state_rows"));
        assertEquals(786432.0, value("sluice_state_memory_bytes"));
        assertEquals(42.0, value("sluice_progress_batch_id"));
        assertEquals(NOW.toEpochMilli() / 1000.0, value("sluice_progress_timestamp_seconds"));
        String[] lagLabels = {"query", "domain", "aggregation", "topic", "partition"};
        assertEquals(50.0, registry.getSampleValue("sluice_kafka_consumer_lag_records", lagLabels,
                new String[] {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m", "payments.transactions", "0"}));
        assertEquals(0.0, registry.getSampleValue("sluice_kafka_consumer_lag_records", lagLabels,
                new String[] {"payments.merchant_fraud_5m", "payments", "merchant_fraud_5m", "payments.transactions", "1"}));
    }

    @Test
    void aQueryWithoutAKnownTriggerIntervalHasNoTriggerLag() {
        new QueryProgressMetrics(metrics, Map.of(), Clock.fixed(NOW, ZoneOffset.UTC))
                .onQueryProgress(new QueryProgressEvent(ProgressJson.resource("/observe/kafka-progress.json")));

        assertNull(value("sluice_trigger_lag_seconds"));
        assertEquals(1500.0, value("sluice_input_rows_total"));
    }

    @Test
    void triggerIntervalsComeFromTheAggregationOrElseTheSparkDefault() {
        Map<String, Duration> intervals = QueryProgressMetrics.triggerIntervals(ObserveFixtures.config(Duration.ofSeconds(10), Duration.ofSeconds(30)));

        assertEquals(Map.of("payments.with_default", Duration.ofSeconds(10), "payments.with_own", Duration.ofSeconds(30)), intervals);
    }

    private Double value(String name) {
        return registry.getSampleValue(name, Q, FRAUD);
    }
}
