package dev.sluice.spark;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.decode.WriterSchema;
import dev.sluice.decode.WriterSchemaSource;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.SinkTables;
import dev.sluice.testing.InMemoryBatchSink;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static dev.sluice.testing.AvroOrders.*;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job's query end to end without services: Confluent-framed Avro in a MemoryStream standing in for Kafka, an
 * in-memory sink standing in for ClickHouse. Checks what each table receives, that counts reconcile
 * (records = aggregated + late + filtered + dead letters), the ledger, and the restart for new writer schemas.
 */
class StreamingJobTest {

    private static final int V1_ID = 7;
    private static final int V2_ID = 12;
    private static final String TABLE = "shop_per_minute";

    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path checkpoint;

    private static AggregationConfig perMinute() {
        return aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(condition("status", Operator.EQ, "approved")),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, false);
    }

    private static Row v2(long offset, String id, String time, long amount) {
        return kafka(offset, confluent(V2_ID, record(V2, id, time, "u1", "US", "approved", amount)));
    }

    private AggregationQuery query(AggregationConfig config, MemoryStream<Row> input, BatchSink sink, WriterSchemaSource writers) {
        CompiledAggregation compiled = new AggregationCompiler().compile(domain(config), config);
        return new AggregationQuery("shop." + config.name(), compiled, input::toDF, V2, writers, sink,
                SinkTables.forAggregateTable(TABLE), checkpoint.toString(), Duration.ZERO);
    }

    private static WriterSchemaSource both() {
        return () -> List.of(new WriterSchema(V1_ID, 1, V1), new WriterSchema(V2_ID, 2, V2));
    }

    /** The latest row per window and country (what the ReplacingMergeTree keeps), as "start|country|orders|revenue". */
    private static List<String> current(InMemoryBatchSink sink) {
        return sink.currentRows(TABLE, "window_start", "country").stream()
                .map(r -> r.get("window_start") + "|" + r.get("country") + "|" + r.get("orders") + "|" + r.get("revenue")).toList();
    }

    @Test
    void writesAggregatesLateEventsAndDeadLettersPerBatchAndCountsReconcile() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        StreamingQuery query = query(perMinute(), input, sink, both()).start(spark);
        try {
            MemoryStreams.add(input, List.of(
                    v2(0, "e1", "00:00:10", 1), v2(1, "e2", "00:00:50", 2),
                    kafka(2, confluent(V1_ID, record(V1, "e0", "00:00:20", "u9", null, "declined", 999))),
                    kafka(3, withMagic(confluent(V2_ID, record(V2, "x", "00:00:11", "u1", "US", "approved", 5)), 1))));
            query.processAllAvailable();
            MemoryStreams.add(input, List.of(v2(4, "e3", "00:01:40", 10),
                    kafka(5, confluent(V1_ID, record(V1, "e4", "00:00:30", "u2", null, "approved", 4)))));
            query.processAllAvailable();
            // watermark 00:01:10: e5's window [00:00, 00:01) has closed; e6 is behind the watermark but its window is open
            MemoryStreams.add(input, List.of(v2(6, "e5", "00:00:55", 100), v2(7, "e6", "00:01:05", 1000)));
            query.processAllAvailable();
            long inputRows = java.util.Arrays.stream(query.recentProgress()).mapToLong(p -> p.numInputRows()).sum();
            assertEquals(8, inputRows, "the source is read once per batch, not once per branch of the union");
        } finally {
            query.stop();
        }

        assertEquals(List.of(
                "2024-01-01 00:00:00.000||1|4",
                "2024-01-01 00:00:00.000|US|2|3",
                "2024-01-01 00:01:00.000|US|2|1010"), current(sink));

        List<Map<String, Object>> late = sink.rows(SinkTables.LATE_EVENTS);
        assertEquals(1, late.size());
        assertEquals("e5", late.get(0).get("event_id"));
        assertEquals("2024-01-01 00:00:55.000", late.get(0).get("event_time"));
        assertEquals("2024-01-01 00:01:10.000", late.get(0).get("watermark"));
        assertEquals(15_000, ((Number) late.get(0).get("lateness_ms")).longValue());
        assertTrue(((String) late.get(0).get("event_json")).contains("\"amount\":100"), late.get(0).toString());

        List<Map<String, Object>> deadLetters = sink.rows(SinkTables.DEAD_LETTERS);
        assertEquals(1, deadLetters.size());
        assertEquals("bad_magic_byte", deadLetters.get(0).get("reason"));
        assertEquals(3L, ((Number) deadLetters.get(0).get("kafka_offset")).longValue());
        assertEquals("first byte is 0x01, not the Confluent magic byte 0x00", deadLetters.get(0).get("error"));

        // Reconciliation: every record is aggregated, late, filtered out or a dead letter.
        long events = sink.commits().stream().mapToLong(c -> c.counts().events()).sum();
        long lateCount = sink.commits().stream().mapToLong(c -> c.counts().lateEvents()).sum();
        long deadCount = sink.commits().stream().mapToLong(c -> c.counts().deadLetters()).sum();
        long aggregated = current(sink).stream().mapToLong(line -> Long.parseLong(line.split("\\|")[2])).sum();
        long filteredOut = 1; // e0 is declined
        assertEquals(8, aggregated + lateCount + deadCount + filteredOut);
        assertEquals(events, aggregated + lateCount);

        List<Long> versions = sink.rows(TABLE).stream().map(r -> ((Number) r.get("_version")).longValue()).distinct().toList();
        assertEquals(versions.stream().sorted().toList(), versions, "versions grow batch after batch");
        assertTrue(sink.rows(TABLE).stream().allMatch(r -> "shop.per_minute".equals(r.get("_query"))));
    }

    @Test
    void aReRunBatchThatTheLedgerHasIsNotWrittenAgain() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        AggregationQuery aggregationQuery = query(perMinute(), input, sink, both());
        StreamingQuery query = aggregationQuery.start(spark);
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1), kafka(1, new byte[] {1, 2})));
        query.processAllAvailable();
        query.stop();
        int insertsBefore = sink.inserts().size();
        assertEquals(2, insertsBefore, "one aggregate insert and one dead-letter insert");

        // Simulate a driver crash after the sink committed but before Spark's commit log did: Spark re-runs batch 0.
        Files.walk(checkpoint.resolve("commits")).filter(p -> p.getFileName().toString().matches("\\.?0(\\.crc)?")).forEach(p -> p.toFile().delete());
        query = aggregationQuery.start(spark);
        query.processAllAvailable();
        query.stop();

        assertEquals(insertsBefore, sink.inserts().size(), "the re-run batch 0 was skipped");
        assertEquals(1, sink.commits().stream().filter(c -> c.batchId() == 0).count());
    }

    /**
     * Found by the end-to-end crash test (cli's EndToEndExactnessIT): a skipped re-run must still run the batch's
     * plan, because Spark advances the watermark from the event times its operators see. Without that, the batch
     * after the crash ran with the watermark of the batch before, and a later event that an uninterrupted run drops
     * as late was counted.
     */
    @Test
    void aSkippedReRunStillAdvancesTheWatermarkAsAnUninterruptedRunWould() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        // The driver dies right after the sink committed batch 0: the next commit never happens, and Spark's commit
        // log misses batch 0 (removed below, as a crash before Spark wrote it would leave it).
        BatchSink diesAfterBatch0 = new BatchSink() {
            @Override
            public boolean isCommitted(String query, String runId, long batchId) {
                return sink.isCommitted(query, runId, batchId);
            }

            @Override
            public long nextVersion(String query) {
                return sink.nextVersion(query);
            }

            @Override
            public long insert(String table, List<String> columns, java.util.Iterator<String> jsonLines) {
                return sink.insert(table, columns, jsonLines);
            }

            @Override
            public void commit(BatchCommit commit) {
                if (commit.batchId() > 0) {
                    throw new IllegalStateException("driver gone");
                }
                sink.commit(commit);
            }
        };
        StreamingQuery query = query(perMinute(), input, diesAfterBatch0, both()).start(spark);
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:02:00", 1)));
        String crash = "";
        try {
            // Batch 0 moves the watermark, so Spark runs a no-data batch 1 at once, and that one "crashes".
            query.awaitTermination(60_000);
        } catch (org.apache.spark.sql.streaming.StreamingQueryException expected) {
            crash = expected.getMessage();
        } finally {
            query.stop();
        }
        assertTrue(crash.contains("driver gone"), "the first run should have died at batch 1: " + crash);
        try (var files = Files.walk(checkpoint)) {
            files.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString().replaceFirst("^\\.", "").replaceFirst("\\.crc$", "");
                String dir = p.getParent().getFileName().toString();
                return (dir.equals("commits") && name.matches("\\d+"))
                        || (dir.equals("offsets") && name.matches("\\d+") && Long.parseLong(name) >= 1)
                        || (name.matches("\\d+\\.(delta|snapshot)") && Long.parseLong(name.substring(0, name.indexOf('.'))) >= 2);
            }).forEach(p -> p.toFile().delete());
        }
        assertEquals(1, sink.commits().size(), "the sink has batch 0 only");
        // Kafka still holds batch 0's records; a MemoryStream forgets what a batch committed, so a new one stands in.
        MemoryStream<Row> retained = MemoryStreams.of(spark, KAFKA_SCHEMA);
        MemoryStreams.add(retained, List.of(v2(0, "e1", "00:02:00", 1)));
        query = query(perMinute(), retained, sink, both()).start(spark);
        try {
            query.processAllAvailable();
            // Watermark after batch 0: 00:02:00 - 30 s = 00:01:30, so [00:00, 00:01) has closed and e2 is late.
            MemoryStreams.add(retained, List.of(v2(1, "e2", "00:00:40", 2)));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(List.of("e2"), lateIds(sink));
        assertEquals(List.of("2024-01-01 00:02:00.000|US|1|1"), current(sink));
    }

    @Test
    void restartsWithNewlyRegisteredWriterSchemasAndStopsWhenIdle() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        // The plan starts knowing only v1; v2 gets registered while the job runs.
        List<List<WriterSchema>> answers = new CopyOnWriteArrayList<>(List.of(
                List.of(new WriterSchema(V1_ID, 1, V1)),
                List.of(new WriterSchema(V1_ID, 1, V1), new WriterSchema(V2_ID, 2, V2))));
        WriterSchemaSource registry = () -> answers.size() > 1 ? answers.remove(0) : answers.get(0);
        MemoryStreams.add(input, List.of(
                kafka(0, confluent(V1_ID, record(V1, "e1", "00:00:10", "u1", null, "approved", 1))),
                v2(1, "e2", "00:00:20", 2),
                kafka(2, confluent(99, record(V2, "e3", "00:00:30", "u1", "US", "approved", 4)))));

        new StreamingJob(spark, List.of(query(perMinute(), input, sink, registry)), StreamingJob.Settings.untilIdle(3, Duration.ofMillis(200))).run();

        assertEquals(List.of("2024-01-01 00:00:00.000||1|1", "2024-01-01 00:00:00.000|US|1|2"), current(sink));
        List<Map<String, Object>> deadLetters = sink.rows(SinkTables.DEAD_LETTERS);
        assertEquals(List.of("unknown_schema_id"), deadLetters.stream().map(r -> r.get("reason")).toList(),
                "id 99 stays unknown after the refresh, so it is a dead letter; v2's record was decoded after the restart");
        assertEquals(1, sink.commits().stream().filter(c -> c.batchId() == 0).count(), "batch 0 was committed once, after the restart");
        assertEquals(1, sink.inserts().stream().filter(i -> i.table().equals(TABLE)).count());
    }

    private static Row v2user(long offset, String id, String time, String user) {
        return kafka(offset, confluent(V2_ID, record(V2, id, time, user, "US", "approved", 1)));
    }

    private List<String> lateIds(InMemoryBatchSink sink) {
        return sink.rows(SinkTables.LATE_EVENTS).stream().map(r -> (String) r.get("event_id")).sorted().toList();
    }

    @Test
    void sessionWindowsReportAnEventLateWhenItsOwnSessionWouldEndBehindTheWatermark() throws Exception {
        AggregationConfig visits = aggregation("visits", session(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("user"), List.of(),
                measures(measure("orders", MeasureType.COUNT, null)), OutputMode.APPEND, false);
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        StreamingQuery query = query(visits, input, sink, both()).start(spark);
        try {
            MemoryStreams.add(input, List.of(v2user(0, "a", "00:00:00", "u1"), v2user(1, "b", "00:00:30", "u1")));
            query.processAllAvailable();
            // watermark 04:30 closes u1's session [00:00, 01:30)
            MemoryStreams.add(input, List.of(v2user(2, "c", "00:05:00", "u2")));
            query.processAllAvailable();
            // "d" would open [01:00, 02:00): ends behind the watermark -> late; "e" opens [04:00, 05:00) -> kept
            MemoryStreams.add(input, List.of(v2user(3, "d", "00:01:00", "u1"), v2user(4, "e", "00:04:00", "u3")));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(List.of("d"), lateIds(sink));
        assertEquals(List.of("2024-01-01 00:00:00.000|2024-01-01 00:01:30.000|u1|2"), sink.rows(TABLE).stream()
                .map(r -> r.get("window_start") + "|" + r.get("window_end") + "|" + r.get("user") + "|" + r.get("orders")).toList());
    }

    @Test
    void withDeduplicationAnEventBehindTheWatermarkIsLateEvenWhileItsWindowIsOpen() throws Exception {
        AggregationConfig deduplicated = aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(), measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, true);
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        StreamingQuery query = query(deduplicated, input, sink, both()).start(spark);
        try {
            MemoryStreams.add(input, List.of(v2(0, "a", "00:00:10", 1), v2(1, "b", "00:00:50", 2)));
            query.processAllAvailable();
            // watermark 00:00:20: "c" is behind it (late, dropped by de-duplication although [00:00, 00:01) is open),
            // "b" again is a duplicate within the watermark (dropped, not late), "d" counts
            MemoryStreams.add(input, List.of(v2(2, "c", "00:00:15", 100), v2(3, "b", "00:00:50", 2), v2(4, "d", "00:00:25", 1000)));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(List.of("c"), lateIds(sink));
        assertEquals(List.of("2024-01-01 00:00:00.000|US|3|1003"), current(sink));
    }

    /** Late records as "event_id|partly_late|missed_windows|first_missed_window_start|last_missed_window_start". */
    private static List<String> lateRecords(InMemoryBatchSink sink) {
        return sink.rows(SinkTables.LATE_EVENTS).stream()
                .map(r -> r.get("event_id") + "|" + r.get("partly_late") + "|" + r.get("missed_windows") + "|" + r.get("first_missed_window_start")
                        + "|" + r.get("last_missed_window_start"))
                .sorted().toList();
    }

    /**
     * Spark drops an event's contribution to each window whose end is at or before the watermark: a sliding-window
     * event is counted in its open windows and recorded as late for the closed ones, a millisecond deciding either way.
     */
    @Test
    void slidingWindowsRecordPartlyLateEventsWithTheWindowsTheyMissedToTheMillisecond() throws Exception {
        AggregationConfig sliding = aggregation("per_minute", sliding(Duration.ofMinutes(2), Duration.ofMinutes(1)), Duration.ofSeconds(30),
                List.of("country"), List.of(), measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, false);
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        StreamingQuery query = query(sliding, input, sink, both()).start(spark);
        try {
            MemoryStreams.add(input, List.of(v2(0, "a", "00:00:10", 1), v2(1, "m1", "00:03:29.999", 2)));
            query.processAllAvailable();
            // W = 00:02:59.999. "p0" (00:02:00.000): windows [01:00, 03:00) and [02:00, 04:00) are open -> counted in both.
            // "w0" (00:01:59.999): [00:00, 02:00) has closed, [01:00, 03:00) is open -> partly late, missing one window.
            MemoryStreams.add(input, List.of(v2(2, "p0", "00:02:00", 10), v2(3, "w0", "00:01:59.999", 100), v2(4, "m2", "00:03:30", 4)));
            query.processAllAvailable();
            // W = 00:03:00.000, a millisecond on: [01:00, 03:00) ends at the watermark, so it has closed. "p1" (00:02:00.000)
            // is now partly late (missing [01:00, 03:00)); "w1" (00:01:59.999) misses both its windows: wholly late.
            MemoryStreams.add(input, List.of(v2(5, "p1", "00:02:00", 1000), v2(6, "w1", "00:01:59.999", 10000)));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(List.of(
                "p1|1|1|2024-01-01 00:01:00.000|2024-01-01 00:01:00.000",
                "w0|1|1|2024-01-01 00:00:00.000|2024-01-01 00:00:00.000",
                "w1|0|2|2024-01-01 00:00:00.000|2024-01-01 00:01:00.000"), lateRecords(sink));
        assertEquals(List.of(
                "2023-12-31 23:59:00.000|US|1|1",
                "2024-01-01 00:00:00.000|US|1|1",
                "2024-01-01 00:01:00.000|US|2|110",
                "2024-01-01 00:02:00.000|US|4|1016",
                "2024-01-01 00:03:00.000|US|2|6"), current(sink));
        // Per window: its events = its count + the late records naming it ([00:00, 02:00): a, w0, w1; [01:00, 03:00): p0, w0, p1, w1).
        List<BatchCommit> commits = sink.commits();
        assertEquals(1, commits.stream().mapToLong(c -> c.counts().lateEvents()).sum(), "wholly late: w1");
        assertEquals(2, commits.stream().mapToLong(c -> c.counts().partlyLateEvents()).sum(), "partly late: w0, p1");
    }

    /** Tumbling, de-duplicated and session windows have no partly late events: a millisecond either side of the bound. */
    @Test
    void tumblingDeduplicatedAndSessionEventsAreWhollyLateAtTheirBoundToTheMillisecond() throws Exception {
        // Each: events at the bound (dropped) and a millisecond after it (kept), with W = 00:02:00.000.
        record Case(AggregationConfig config, String atBound, String justAfter) {
        }
        List<Case> cases = List.of(
                // tumbling: the window end is the bound; [00:01, 00:02) ends at W, [00:02, 00:03) after it
                new Case(aggregation("tumbling", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"), List.of(),
                        measures(measure("orders", MeasureType.COUNT, null)), OutputMode.UPDATE, false), "00:01:59.999", "00:02:00"),
                // de-duplicated: the event time is the bound
                new Case(aggregation("deduplicated", sliding(Duration.ofMinutes(2), Duration.ofMinutes(1)), Duration.ofSeconds(30),
                        List.of("country"), List.of(), measures(measure("orders", MeasureType.COUNT, null)), OutputMode.UPDATE, true),
                        "00:02:00", "00:02:00.001"),
                // session (gap 1 minute): the event's own session end t + gap is the bound
                new Case(aggregation("session", session(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("user"), List.of(),
                        measures(measure("orders", MeasureType.COUNT, null)), OutputMode.APPEND, false), "00:01:00", "00:01:00.001"));
        for (Case c : cases) {
            MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
            InMemoryBatchSink sink = new InMemoryBatchSink();
            Path dir = checkpoint.resolve(c.config().name());
            CompiledAggregation compiled = new AggregationCompiler().compile(domain(c.config()), c.config());
            StreamingQuery query = new AggregationQuery("shop." + c.config().name(), compiled, input::toDF, V2, both(), sink,
                    SinkTables.forAggregateTable(TABLE), dir.toString(), Duration.ZERO).start(spark);
            try {
                MemoryStreams.add(input, List.of(v2(0, "m", "00:02:30", 1)));
                query.processAllAvailable();
                MemoryStreams.add(input, List.of(v2(1, "late", c.atBound(), 1), v2(2, "kept", c.justAfter(), 1)));
                query.processAllAvailable();
            } finally {
                query.stop();
            }
            assertEquals(List.of("late"), lateIds(sink), c.config().name());
            assertEquals(0, sink.commits().stream().mapToLong(cm -> cm.counts().partlyLateEvents()).sum(), c.config().name());
        }
    }
}
