package dev.sluice.cli.status;

import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointReaderTest {

    private static final TopicPartition P0 = new TopicPartition("payments.transactions", 0);
    private static final TopicPartition P1 = new TopicPartition("payments.transactions", 1);

    @Test
    void aKafkaQueryCheckpointGivesLastCommittedBatchItsOffsetsAndWhereTheQueryStarted(@TempDir Path cp) throws Exception {
        write(cp.resolve("metadata"), "{\"id\":\"0b6a55fc-3d19-4a8e-9d6d-35f0a2b0cf61\"}");
        for (int batch = 0; batch <= 2; batch++) {
            write(cp.resolve("offsets/" + batch), "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1740824100000,\"conf\":{}}\n"
                    + "{\"payments.transactions\":{\"0\":" + (100 * (batch + 1)) + ",\"1\":" + (50 * (batch + 1)) + "}}");
        }
        write(cp.resolve("offsets/.1.crc"), "crc"); // Hadoop's local file system leaves these next to every file
        write(cp.resolve("commits/0"), "v1\n{\"nextBatchWatermarkMs\":0}");
        write(cp.resolve("commits/1"), "v1\n{\"nextBatchWatermarkMs\":1740823950000}");
        byte[] initial = "v1\n{\"payments.transactions\":{\"0\":10,\"1\":0}}".getBytes(StandardCharsets.UTF_8);
        byte[] withZeroByte = new byte[initial.length + 1];
        System.arraycopy(initial, 0, withZeroByte, 1, initial.length);
        Files.createDirectories(cp.resolve("sources/0"));
        Files.write(cp.resolve("sources/0/0"), withZeroByte);

        CheckpointState state = new CheckpointReader().read(cp.toString());

        assertTrue(state.exists());
        assertEquals(Optional.of(1L), state.lastCommitted());
        assertEquals(Map.of(P0, 200L, P1, 100L), state.processedOffsets(), "offsets of the last committed batch, not of the planned one");
        assertEquals(Map.of(P0, 10L, P1, 0L), state.initialOffsets());
        assertEquals(Optional.of(2L), state.plannedBatch());
        assertEquals(Optional.of(Instant.ofEpochMilli(1740823950000L)), state.watermark());
        assertEquals(Files.getLastModifiedTime(cp.resolve("commits/1")).toMillis(), state.committedAt().orElseThrow().toEpochMilli());
        assertTrue(state.lastWrite().isPresent());
    }

    @Test
    void noDirectoryMeansTheQueryNeverRan(@TempDir Path dir) {
        CheckpointState state = new CheckpointReader().read(dir.resolve("payments/x").toString());

        assertFalse(state.exists());
        assertEquals(Optional.empty(), state.lastCommitted());
    }

    @Test
    void readsTheCheckpointARealSparkQueryWrote(@TempDir Path cp) throws Exception {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("status-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        MemoryStream<Timestamp> input = new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.TIMESTAMP());
        Dataset<Row> counts = input.toDF().withColumnRenamed("value", "event_time")
                .withWatermark("event_time", "10 seconds").groupBy(window(col("event_time"), "1 minute")).count();
        StreamingQuery query = counts.writeStream().format("noop").outputMode("update")
                .option("checkpointLocation", cp.toString()).start();
        try {
            input.addData(JavaConverters.asScalaBuffer(List.of(Timestamp.from(Instant.parse("2025-03-01T10:00:00Z")))).toSeq());
            query.processAllAvailable();
            input.addData(JavaConverters.asScalaBuffer(List.of(Timestamp.from(Instant.parse("2025-03-01T10:05:00Z")))).toSeq());
            query.processAllAvailable();
        } finally {
            query.stop();
        }

        CheckpointState state = new CheckpointReader().read(cp.toString());

        assertEquals(Optional.of(query.lastProgress().batchId()), state.lastCommitted());
        assertEquals(Optional.of(Instant.parse("2025-03-01T10:04:50Z")), state.watermark(), "10:05:00 minus the 10 s delay");
        assertTrue(state.processedOffsets().isEmpty(), "a memory source has no Kafka offsets");
        assertTrue(state.initialOffsets().isEmpty());
        assertEquals(Optional.empty(), state.plannedBatch());
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
