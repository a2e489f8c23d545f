package dev.sluice.compile;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.testing.BatchCollector;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.sluice.testing.Orders.order;
import static dev.sluice.testing.Rows.sorted;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compiler on streaming input (MemoryStream, micro-batch by micro-batch): output modes, out-of-order events
 * inside the watermark, events behind it, de-duplication across batches. Spark's rule, which the job's late-event
 * capture mirrors: an event is dropped when the window it falls into already ended at or before the watermark.
 */
class StreamingAggregationTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path checkpoint;

    private static Row at(String id, String time, long amount) {
        return order(id, time, "u1", "US", "approved", amount, 1, 0, false);
    }

    private BatchCollector start(AggregationConfig aggregation, MemoryStream<Row> input, org.apache.spark.sql.streaming.OutputMode mode) {
        CompiledAggregation compiled = new AggregationCompiler().compile(domain(aggregation), aggregation);
        return new BatchCollector(compiled.apply(input.toDF()), mode, checkpoint);
    }

    private static AggregationConfig perMinute(OutputMode mode, boolean deduplicate) {
        return aggregation("per_minute", tumbling(MINUTE), Duration.ofSeconds(30), List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), mode, deduplicate);
    }

    @Test
    void updateModeEmitsRunningValuesAndDropsEventsWhoseWindowClosed() {
        MemoryStream<Row> input = MemoryStreams.of(spark, EventColumns.schema(orderEvent()));
        BatchCollector out = start(perMinute(OutputMode.UPDATE, false), input, org.apache.spark.sql.streaming.OutputMode.Update());
        try {
            MemoryStreams.add(input, List.of(at("a", "00:00:10", 1), at("b", "00:00:50", 2)));
            assertEquals(List.of(sorted("00:00:00|00:01:00|2|3")), out.drain());
            // watermark now 00:00:20: "d" is out of order but its window is open
            MemoryStreams.add(input, List.of(at("c", "00:01:40", 10), at("d", "00:00:30", 4)));
            assertEquals(List.of(sorted("00:00:00|00:01:00|3|7", "00:01:00|00:02:00|1|10")), out.drain());
            // watermark now 00:01:10: "e"'s window [00:00, 00:01) has closed -> dropped; "f" is behind the watermark
            // but its window [00:01, 00:02) is still open -> counted
            MemoryStreams.add(input, List.of(at("e", "00:00:55", 100), at("f", "00:01:05", 1000)));
            assertEquals(List.of(sorted("00:01:00|00:02:00|2|1010")), out.drain());
        } finally {
            out.stop();
        }
    }

    @Test
    void appendModeEmitsEachWindowOnceWhenTheWatermarkPassesItsEnd() {
        MemoryStream<Row> input = MemoryStreams.of(spark, EventColumns.schema(orderEvent()));
        BatchCollector out = start(perMinute(OutputMode.APPEND, false), input, org.apache.spark.sql.streaming.OutputMode.Append());
        try {
            MemoryStreams.add(input, List.of(at("a", "00:00:10", 1), at("b", "00:00:50", 2)));
            assertEquals(List.of(), out.drain(), "no window is final yet");
            MemoryStreams.add(input, List.of(at("c", "00:01:40", 10), at("d", "00:00:30", 4)));
            // watermark 00:01:10 >= end of [00:00, 00:01): final row, out-of-order "d" included
            assertEquals(List.of(sorted("00:00:00|00:01:00|3|7")), out.drain());
            MemoryStreams.add(input, List.of(at("e", "00:00:55", 100), at("g", "00:02:45", 1)));
            // "e" is late (its window was emitted); watermark 00:02:15 closes [00:01, 00:02)
            assertEquals(List.of(sorted("00:01:00|00:02:00|1|10")), out.drain());
        } finally {
            out.stop();
        }
    }

    @Test
    void deduplicationDropsARepeatedEventIdAcrossBatches() {
        MemoryStream<Row> input = MemoryStreams.of(spark, EventColumns.schema(orderEvent()));
        BatchCollector out = start(perMinute(OutputMode.UPDATE, true), input, org.apache.spark.sql.streaming.OutputMode.Update());
        try {
            MemoryStreams.add(input, List.of(at("a", "00:00:10", 1), at("a", "00:00:10", 1), at("b", "00:00:20", 2)));
            assertEquals(List.of(sorted("00:00:00|00:01:00|2|3")), out.drain());
            MemoryStreams.add(input, List.of(at("b", "00:00:20", 2), at("c", "00:00:40", 4)));
            assertEquals(List.of(sorted("00:00:00|00:01:00|3|7")), out.drain());
        } finally {
            out.stop();
        }
    }

    @Test
    void slidingAndSessionWindowsStreamInAppendMode() {
        AggregationConfig slidingAgg = aggregation("sliding", sliding(Duration.ofMinutes(2), MINUTE), Duration.ZERO, List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null)), OutputMode.APPEND, false);
        MemoryStream<Row> input = MemoryStreams.of(spark, EventColumns.schema(orderEvent()));
        BatchCollector out = start(slidingAgg, input, org.apache.spark.sql.streaming.OutputMode.Append());
        try {
            MemoryStreams.add(input, List.of(at("a", "00:00:30", 1), at("b", "00:01:30", 1)));
            assertEquals(List.of(sorted("23:59:00|00:01:00|1")), out.drain());
            MemoryStreams.add(input, List.of(at("c", "00:03:00", 1)));
            assertEquals(List.of(sorted("00:00:00|00:02:00|2", "00:01:00|00:03:00|1")), out.drain());
        } finally {
            out.stop();
        }
    }
}
