package dev.sluice.observe;

import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import io.prometheus.client.CollectorRegistry;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener on a real local Spark: a windowed count with a watermark over a MemoryStream, whose foreachBatch sink
 * reports to the metrics the way the Sluice sink does. Checks that what Spark reports and what the metrics and the
 * progress log say agree.
 */
class StreamingProgressTest {

    private static final StructType EVENTS = new StructType()
            .add("event_time", DataTypes.TimestampType, false)
            .add("key", DataTypes.StringType, false);

    @Test
    void metricsAndOneLogLinePerBatchFollowARealQuery() throws Exception {
        SparkSession spark = SparkTestSession.get();
        PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
        String name = "observe.window_counts";
        QueryProgressMetrics listener = new QueryProgressMetrics(metrics, Map.of(name, Duration.ofSeconds(1)), Clock.systemUTC());
        MemoryStream<Row> input = MemoryStreams.of(spark, EVENTS);
        Dataset<Row> counts = input.toDF()
                .withWatermark("event_time", "10 seconds")
                .groupBy(window(col("event_time"), "1 minute"), col("key"))
                .count();
        VoidFunction2<Dataset<Row>, Long> sink = (batch, batchId) -> {
            long rows = batch.count();
            metrics.query(name).lateEvents(batchId, batchId == 0 ? 1 : 0);
            metrics.query(name).batchCommitted(batchId, rows);
        };

        spark.streams().addListener(listener);
        StreamingQuery query = null;
        try (CapturedLog log = new CapturedLog("dev.sluice.progress")) {
            query = counts.writeStream().queryName(name).outputMode("update").foreachBatch(sink).start();
            MemoryStreams.add(input, List.of(row("2025-03-01T10:00:00Z", "a"), row("2025-03-01T10:00:01Z", "a"), row("2025-03-01T10:00:02Z", "b")));
            query.processAllAvailable();
            MemoryStreams.add(input, List.of(row("2025-03-01T10:05:00Z", "a"), row("2025-03-01T10:05:01Z", "c")));
            query.processAllAvailable();

            query.stop(); // no idle progress reports after this point
            StreamingQueryProgress last = query.lastProgress();
            CollectorRegistry registry = metrics.registry();
            String[] q = {"query", "domain", "aggregation"};
            String[] labels = {name, "observe", "window_counts"};
            waitUntil(() -> Double.valueOf(last.batchId()).equals(registry.getSampleValue("sluice_progress_batch_id", q, labels)));

            assertEquals(5.0, registry.getSampleValue("sluice_input_rows_total", q, labels));
            // Spark also keeps reports of triggers that found nothing to do; those reach listeners as idle events, not progress.
            List<Long> sparkBatches = Arrays.stream(query.recentProgress())
                    .filter(p -> p.durationMs().containsKey("addBatch")).map(StreamingQueryProgress::batchId).toList();
            assertEquals(List.of(0L, 1L, 2L, 3L), sparkBatches, "two data batches, each followed by a no-data batch moving the watermark");
            assertEquals(4.0, registry.getSampleValue("sluice_batch_duration_seconds_count", q, labels), "one duration per batch");
            assertEquals((double) last.stateOperators()[0].numRowsTotal(), registry.getSampleValue("sluice_state_rows", q, labels));
            assertTrue(registry.getSampleValue("sluice_state_rows", q, labels) > 0, "open windows are held in state");
            assertEquals((double) last.batchId(), registry.getSampleValue("sluice_committed_batch_id", q, labels));
            assertEquals(Instant.parse(last.eventTime().get("watermark")).getEpochSecond(),
                    registry.getSampleValue("sluice_watermark_timestamp_seconds", q, labels));
            assertEquals(Instant.parse("2025-03-01T10:04:51Z").getEpochSecond(),
                    registry.getSampleValue("sluice_watermark_timestamp_seconds", q, labels),
                    "max event time 10:05:01 minus the 10 s delay, once the no-data batch has run");
            assertEquals(1.0, registry.getSampleValue("sluice_late_events_total", q, labels));

            List<String> lines = log.lines().stream().filter(l -> l.startsWith("query=" + name + " ")).toList();
            assertEquals(sparkBatches, lines.stream().map(l -> Long.parseLong(l.split(" ")[1].substring("batch=".length()))).toList(),
                    "one progress line per batch Spark reported: " + lines);
            assertTrue(lines.get(0).startsWith("query=observe.window_counts batch=0 input_rows=3 "), lines.get(0));
            assertTrue(lines.get(0).endsWith(" late=1 dead_letters=0 written_rows=2"), "two windows (a, b) written: " + lines.get(0));
            assertTrue(lines.get(0).contains(" watermark=- "), "no watermark before the first batch: " + lines.get(0));
            assertTrue(lines.get(lines.size() - 1).contains(" watermark=2025-03-01T10:04:51Z "), lines.get(lines.size() - 1));
        } finally {
            if (query != null) {
                query.stop();
            }
            spark.streams().removeListener(listener);
        }
    }

    private static Row row(String time, String key) {
        return RowFactory.create(Timestamp.from(Instant.parse(time)), key);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listener did not receive the last progress report within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
