package dev.sluice.observe;

import dev.sluice.metrics.QueryId;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressReaderTest {

    private static final TopicPartition P0 = new TopicPartition("payments.transactions", 0);
    private static final TopicPartition P1 = new TopicPartition("payments.transactions", 1);

    @Test
    void readsAKafkaQueryProgressAsSparkPrintsIt() {
        StreamingQueryProgress progress = ProgressJson.resource("/observe/kafka-progress.json");
        // The builder is faithful: Spark renders the rebuilt object back to the same numbers.
        assertTrue(progress.json().contains("\"latestOffset\":{\"payments.transactions\":{\"1\":2750,\"0\":1800}}"), progress.json());

        ProgressSnapshot p = ProgressReader.read(progress);

        assertEquals(new QueryId("payments", "merchant_fraud_5m"), p.query());
        assertEquals(42, p.batchId());
        assertEquals(Instant.parse("2025-03-01T10:15:00Z"), p.batchStarted());
        assertEquals(1500, p.inputRows());
        assertEquals(150.0, p.inputRowsPerSecond());
        assertEquals(300.0, p.processedRowsPerSecond());
        assertEquals(Optional.of(Duration.ofMillis(12500)), p.batchDuration());
        assertEquals(Optional.of(Instant.parse("2025-03-01T10:12:30Z")), p.watermark());
        assertEquals(840 + 1200, p.stateRows(), "rows of all state operators (aggregation and dedup)");
        assertEquals(524288 + 262144, p.stateMemoryBytes());
        assertEquals(Map.of(P0, 1750L, P1, 2750L), p.endOffsets());
        assertEquals(Map.of(P0, 1800L, P1, 2750L), p.latestOffsets());
        assertEquals(Map.of(P0, 50L, P1, 0L), p.kafkaLag());
    }

    @Test
    void epochWatermarkMeansNotSetYet() {
        assertEquals(Optional.empty(), ProgressReader.watermark(Map.of("watermark", "1970-01-01T00:00:00.000Z")));
        assertEquals(Optional.empty(), ProgressReader.watermark(Map.of()));
        assertEquals(Optional.of(Instant.parse("2025-01-01T00:00:01Z")),
                ProgressReader.watermark(Map.of("watermark", "2025-01-01T00:00:01.000Z")));
    }

    @Test
    void nonKafkaSourcesGiveNoOffsetsAndNoLag() throws Exception {
        String json = new String(ProgressReaderTest.class.getResourceAsStream("/observe/kafka-progress.json").readAllBytes())
                .replaceAll("(?s)\"startOffset\".*?\"numInputRows\" : 1500,", "\"startOffset\" : 4, \"endOffset\" : 9, \"latestOffset\" : null, \"numInputRows\" : 1500,");
        ProgressSnapshot p = ProgressReader.read(ProgressJson.parse(json));

        assertTrue(p.endOffsets().isEmpty());
        assertFalse(p.lagKnown());
        assertEquals(1500, p.inputRows());
    }
}
