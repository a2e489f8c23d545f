package dev.sluice.checkpoint;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointFilesTest {

    /** An offsets file as Spark 3.5 writes it for a Kafka query (conf shortened). */
    private static final String OFFSETS = "v1\n"
            + "{\"batchWatermarkMs\":1740823950000,\"batchTimestampMs\":1740824100000,\"conf\":{\"spark.sql.shuffle.partitions\":\"4\","
            + "\"spark.sql.streaming.stateStore.providerClass\":\"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider\"}}\n"
            + "{\"payments.transactions\":{\"1\":2750,\"0\":1750}}";

    @Test
    void offsetLogFileGivesBatchTimeWatermarkAndKafkaOffsets() {
        OffsetLogEntry entry = OffsetLogEntry.parse(42, OFFSETS);

        assertEquals(42, entry.batchId());
        assertEquals(Instant.parse("2025-03-01T10:15:00Z"), entry.batchTimestamp());
        assertEquals(Optional.of(Instant.parse("2025-03-01T10:12:30Z")), entry.watermark());
        assertEquals(Map.of(new TopicPartition("payments.transactions", 0), 1750L,
                new TopicPartition("payments.transactions", 1), 2750L), entry.kafkaOffsets());
    }

    @Test
    void nonKafkaAndMissingSourcesAreSkipped() {
        OffsetLogEntry entry = OffsetLogEntry.parse(3, "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":5}\n7\n-\n");

        assertEquals(Arrays.asList("7", null), entry.sources());
        assertTrue(entry.kafkaOffsets().isEmpty());
        assertEquals(Optional.empty(), entry.watermark(), "0 means no watermark yet");
    }

    @Test
    void truncatedOrForeignFilesSayWhatIsWrong() {
        assertEquals("offsets/7 is empty; the file is truncated (a crash while Spark wrote it) [bad data]",
                assertThrows(IllegalArgumentException.class, () -> OffsetLogEntry.parse(7, "")).getMessage());
        assertEquals("offsets/7 has no metadata line; the file is truncated (a crash while Spark wrote it) [bad data: Spark re-plans the batch on restart]",
                assertThrows(IllegalArgumentException.class, () -> OffsetLogEntry.parse(7, "v1\n")).getMessage());
        assertEquals("offsets/7 starts with 'v2', not 'v1': written by a Spark version this Sluice does not read, or not a checkpoint file [bad data]",
                assertThrows(IllegalArgumentException.class, () -> OffsetLogEntry.parse(7, "v2\n{}\n")).getMessage());
    }

    @Test
    void commitFileGivesTheWatermarkAfterTheBatch() {
        assertEquals(Optional.of(Instant.ofEpochMilli(1740823950000L)),
                CommitLogEntry.parse(42, "v1\n{\"nextBatchWatermarkMs\":1740823950000}").watermark());
        assertEquals(Optional.empty(), CommitLogEntry.parse(0, "v1\n{\"nextBatchWatermarkMs\":0}").watermark());
    }

    @Test
    void initialOffsetsFileStartsWithAZeroByte() {
        byte[] text = "v1\n{\"payments.transactions\":{\"0\":0,\"1\":12}}".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[text.length + 1];
        System.arraycopy(text, 0, file, 1, text.length);

        assertEquals(Map.of(new TopicPartition("payments.transactions", 0), 0L, new TopicPartition("payments.transactions", 1), 12L),
                KafkaInitialOffsets.parse(file));
        assertEquals(Map.of(new TopicPartition("t", 0), 5L), KafkaInitialOffsets.parse("v1\n{\"t\":{\"0\":5}}".getBytes(StandardCharsets.UTF_8)));
    }
}
