package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.metrics.QueryMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLogLineTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:12.500Z");

    @Test
    void oneKeyValueLineWithTheSinksNumbersOfTheSameBatch() {
        QueryMetrics query = PipelineMetrics.withoutJvmMetrics().query("payments.merchant_fraud_5m");
        query.lateEvents(42, 3);
        query.deadLetters(42, "unknown_schema_id", 1);
        query.deadLetters(42, "bad_wire_format", 2);
        query.batchCommitted(42, 57);
        BatchTally tally = query.takeTally(42);

        String line = ProgressLogLine.format(ProgressReader.read(ProgressJson.resource("/observe/kafka-progress.json")),
                tally, Optional.of(Duration.ofMillis(2500)), NOW);

        assertEquals("query=payments.merchant_fraud_5m batch=42 input_rows=1500 input_rows_per_s=150.0 processed_rows_per_s=300.0"
                + " duration_ms=12500 trigger_overrun_ms=2500 watermark=2025-03-01T10:12:30Z watermark_delay_s=162 kafka_lag=50"
                + " state_rows=2040 state_bytes=786432 late=3 dead_letters=3 dead_letter_reasons=bad_wire_format:2,unknown_schema_id:1"
                + " written_rows=57", line);
    }

    @Test
    void unknownValuesAreDashesNotZeros() throws Exception {
        String json = new String(ProgressLogLineTest.class.getResourceAsStream("/observe/kafka-progress.json").readAllBytes())
                .replace("\"watermark\" : \"2025-03-01T10:12:30.000Z\"", "\"watermark\" : \"1970-01-01T00:00:00.000Z\"")
                .replaceAll("(?s)\"latestOffset\" : \\{.*?}\\s*},", "\"latestOffset\" : null,");
        String line = ProgressLogLine.format(ProgressReader.read(ProgressJson.parse(json)), new BatchTally(), Optional.empty(), NOW);

        assertEquals("query=payments.merchant_fraud_5m batch=42 input_rows=1500 input_rows_per_s=150.0 processed_rows_per_s=300.0"
                + " duration_ms=12500 watermark=- watermark_delay_s=- kafka_lag=- state_rows=2040 state_bytes=786432 late=0"
                + " dead_letters=0 written_rows=-", line);
    }
}
