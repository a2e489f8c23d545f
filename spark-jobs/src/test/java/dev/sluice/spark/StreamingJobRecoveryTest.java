package dev.sluice.spark;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.decode.WriterSchema;
import dev.sluice.decode.WriterSchemaSource;
import dev.sluice.registry.RegistryException;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.SinkTables;
import dev.sluice.testing.InMemoryBatchSink;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.sluice.testing.AvroOrders.*;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the job rides out service failures without losing or doubling a batch, and refuses a changed aggregation: a
 * sink that fails retriably (ClickHouse down), a registry that is down at start or while new ids arrive, a
 * non-retriable failure, and a restart with a changed definition.
 */
class StreamingJobRecoveryTest {

    private static final int V1_ID = 7;
    private static final int V2_ID = 12;
    private static final String TABLE = "shop_per_minute";
    private static final RestartPolicy FAST = new RestartPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50));

    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path checkpoint;

    private static AggregationConfig perMinute(String status) {
        return aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(condition("status", Operator.EQ, status)),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, false);
    }

    private AggregationQuery query(AggregationConfig config, MemoryStream<Row> input, BatchSink sink, WriterSchemaSource writers) {
        CompiledAggregation compiled = new AggregationCompiler().compile(domain(config), config);
        return new AggregationQuery("shop." + config.name(), compiled, input::toDF, V2, writers, sink,
                SinkTables.forAggregateTable(TABLE), checkpoint.toString(), Duration.ZERO);
    }

    private static Row v2(long offset, String id, String time, long amount) {
        return kafka(offset, confluent(V2_ID, record(V2, id, time, "u1", "US", "approved", amount)));
    }

    private static WriterSchemaSource both() {
        return () -> List.of(new WriterSchema(V1_ID, 1, V1), new WriterSchema(V2_ID, 2, V2));
    }

    private void run(AggregationQuery query) throws Exception {
        new StreamingJob(spark, List.of(query), StreamingJob.Settings.untilIdle(3, Duration.ofMillis(200)).withRestarts(FAST)).run();
    }

    /** Latest row per window and country, as a ReplacingMergeTree keeps it. */
    private static List<String> current(InMemoryBatchSink sink) {
        return sink.currentRows(TABLE, "window_start", "country").stream()
                .map(r -> r.get("window_start") + "|" + r.get("country") + "|" + r.get("orders") + "|" + r.get("revenue")).toList();
    }

    /** Fails the first {@code failures} calls of the chosen kind, then behaves. */
    private static final class FailingSink implements BatchSink {
        private final InMemoryBatchSink delegate;
        private final AtomicInteger failuresLeft;
        private final Supplier<RuntimeException> failure;
        private final boolean onCommit;

        FailingSink(InMemoryBatchSink delegate, int failures, Supplier<RuntimeException> failure, boolean onCommit) {
            this.delegate = delegate;
            this.failuresLeft = new AtomicInteger(failures);
            this.failure = failure;
            this.onCommit = onCommit;
        }

        @Override
        public boolean isCommitted(String query, String runId, long batchId) {
            return delegate.isCommitted(query, runId, batchId);
        }

        @Override
        public long nextVersion(String query) {
            return delegate.nextVersion(query);
        }

        @Override
        public long insert(String table, List<String> columns, Iterator<String> jsonLines) {
            long rows = delegate.insert(table, columns, jsonLines);
            if (!onCommit && failuresLeft.getAndDecrement() > 0) {
                throw failure.get(); // after the rows went in: the re-run writes them again
            }
            return rows;
        }

        @Override
        public void commit(BatchCommit commit) {
            if (onCommit && failuresLeft.getAndDecrement() > 0) {
                throw failure.get();
            }
            delegate.commit(commit);
        }
    }

    private static SinkException clickHouseDown() {
        return new SinkException(FailureKind.RETRIABLE, "insert into sluice.shop_per_minute failed (gave up after 3 attempts): ConnectException");
    }

    @Test
    void retriableSinkFailuresRestartTheQueryAndNothingIsLostOrCountedTwice() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1), v2(1, "e2", "00:00:50", 2), kafka(2, new byte[] {9})));

        // Three failures: twice after an insert went through (the re-run writes it again), once at the ledger commit.
        run(query(perMinute("approved"), input, new FailingSink(sink, 2, StreamingJobRecoveryTest::clickHouseDown, false), both()));

        assertEquals(List.of("2024-01-01 00:00:00.000|US|2|3"), current(sink));
        assertEquals(1, sink.commits().stream().filter(c -> c.batchId() == 0).count(), "batch 0 committed once");
        assertTrue(sink.rows(TABLE).size() > 1, "the failed attempts' rows were written again by the re-runs, with higher versions");
        assertEquals(1, sink.rows(SinkTables.DEAD_LETTERS).stream().map(r -> r.get("kafka_offset")).distinct().count());
    }

    @Test
    void aFailedLedgerCommitIsRetriedByReRunningTheBatch() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1)));

        run(query(perMinute("approved"), input, new FailingSink(sink, 1, StreamingJobRecoveryTest::clickHouseDown, true), both()));

        assertEquals(List.of("2024-01-01 00:00:00.000|US|1|1"), current(sink));
        assertEquals(1, sink.commits().stream().filter(c -> c.batchId() == 0).count(), "batch 0 committed once");
    }

    @Test
    void nonRetriableFailuresStopTheJob() {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1)));
        FailingSink sink = new FailingSink(new InMemoryBatchSink(), 100,
                () -> new SinkException(FailureKind.BAD_CONFIG, "insert into sluice.shop_per_minute failed: ClickHouse error 60: unknown table"), false);

        Exception failure = assertThrows(Exception.class, () -> run(query(perMinute("approved"), input, sink, both())));
        assertTrue(String.valueOf(failure.getMessage()).contains("unknown table"), failure.toString());
    }

    @Test
    void retriableFailuresWithoutProgressStopTheJobOnceThePolicyIsSpent() {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1)));
        FailingSink sink = new FailingSink(new InMemoryBatchSink(), 100, StreamingJobRecoveryTest::clickHouseDown, false);

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> run(query(perMinute("approved"), input, sink, both())));
        assertTrue(failure.getMessage().startsWith("query shop.per_minute failed 6 times in a row on retriable failures"), failure.getMessage());
        assertTrue(failure.getMessage().contains("gave up after 3 attempts"), failure.getMessage());
    }

    @Test
    void aRegistryDownAtStartIsWaitedFor() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1)));
        AtomicInteger calls = new AtomicInteger();
        WriterSchemaSource registry = () -> {
            if (calls.incrementAndGet() <= 2) {
                throw registryDown();
            }
            return both().writerSchemas();
        };

        run(query(perMinute("approved"), input, sink, registry));

        assertEquals(List.of("2024-01-01 00:00:00.000|US|1|1"), current(sink));
        assertTrue(calls.get() >= 3);
    }

    @Test
    void recordsOfIdsThePlanDoesNotKnowWaitWhileTheRegistryCannotAnswerAndAreNeverDeadLettered() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        MemoryStreams.add(input, List.of(kafka(0, confluent(V1_ID, record(V1, "e1", "00:00:10", "u1", null, "approved", 1))),
                v2(1, "e2", "00:00:20", 2)));
        // Call 1 plans with v1 only; calls 2-3 (the batch's check for the unknown id 12, then the restart's plan) find
        // the registry down; afterwards v2 is there.
        AtomicInteger calls = new AtomicInteger();
        WriterSchemaSource registry = () -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                return List.of(new WriterSchema(V1_ID, 1, V1));
            }
            if (call <= 3) {
                throw registryDown();
            }
            return both().writerSchemas();
        };

        run(query(perMinute("approved"), input, sink, registry));

        assertEquals(List.of("2024-01-01 00:00:00.000||1|1", "2024-01-01 00:00:00.000|US|1|2"), current(sink));
        assertEquals(List.of(), sink.rows(SinkTables.DEAD_LETTERS));
        assertEquals(1, sink.commits().stream().filter(c -> c.batchId() == 0).count(), "batch 0 committed once");
    }

    private static RegistryException registryDown() {
        return new RegistryException(RegistryException.Kind.RETRIABLE, 0, 0,
                "list versions of subject 'shop.orders-value' failed: connection refused by http://127.0.0.1:1", null);
    }

    @Test
    void aChangedAggregationIsRefusedWithTheCheckpointTheTableAndWhatToDo() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        MemoryStreams.add(input, List.of(v2(0, "e1", "00:00:10", 1)));
        run(query(perMinute("approved"), input, sink, both()));
        assertTrue(Files.isRegularFile(checkpoint.resolve(dev.sluice.checkpoint.AggregationDefinition.FILE_NAME)));

        // The same definition resumes (a new trigger or a new watermark is not a change of meaning).
        MemoryStreams.add(input, List.of(v2(1, "e2", "00:00:20", 2)));
        run(query(perMinute("approved"), input, sink, both()));
        assertEquals(List.of("2024-01-01 00:00:00.000|US|2|3"), current(sink));

        int insertsBefore = sink.inserts().size();
        MemoryStreams.add(input, List.of(v2(2, "e3", "00:00:30", 4)));
        CheckpointGuard.AggregationChangedException refused = assertThrows(CheckpointGuard.AggregationChangedException.class,
                () -> run(query(perMinute("declined"), input, sink, both())));

        String message = refused.getMessage();
        assertTrue(message.startsWith("bad config: aggregation shop.per_minute is not the one its checkpoint was started with"), message);
        assertTrue(message.contains("checkpoint: " + checkpoint), message);
        assertTrue(message.contains("table:      " + TABLE), message);
        assertTrue(message.contains("- filter: status:enum eq 'approved'\n    + filter: status:enum eq 'declined'"), message);
        assertTrue(message.contains("give the changed aggregation a new name"), message);
        assertTrue(message.contains("TRUNCATE TABLE " + TABLE), message);
        assertEquals(insertsBefore, sink.inserts().size(), "nothing was written by the refused run");
    }
}
