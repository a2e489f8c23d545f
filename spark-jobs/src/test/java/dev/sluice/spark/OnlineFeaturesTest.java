package dev.sluice.spark;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.FeatureFlagConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.OnlineConfig;
import dev.sluice.decode.WriterSchema;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.online.FeatureUpdate;
import dev.sluice.sink.SinkTables;
import dev.sluice.sink.online.FeatureStoreSinks;
import dev.sluice.testing.InMemoryBatchSink;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.RecordingFeatureStore;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.sluice.testing.AvroOrders.*;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The online half of a batch, without services: a sliding-window aggregation per user whose batch writer sends each
 * user's newest window to a recording feature store, after the ClickHouse insert and before the commit.
 */
class OnlineFeaturesTest {

    private static final int V2_ID = 12;
    private static final String TABLE = "shop_user_velocity";

    private final SparkSession spark = SparkTestSession.get();

    @TempDir
    Path checkpoint;

    private static AggregationConfig velocity() {
        AggregationConfig base = aggregation("user_velocity", sliding(Duration.ofMinutes(2), Duration.ofMinutes(1)), Duration.ofMinutes(5),
                List.of("user"), List.of(), measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount"),
                        ratio("revenue_per_order", "revenue", "orders")),
                OutputMode.UPDATE, false);
        Map<String, FeatureFlagConfig> flags = new LinkedHashMap<>();
        flags.put("is_busy", new FeatureFlagConfig("is_busy", "orders", Operator.GE, "2", List.of()));
        flags.put("is_big_spender", new FeatureFlagConfig("is_big_spender", "revenue", Operator.GT, "100", List.of()));
        return new AggregationConfig(base.name(), null, base.event(), base.window(), base.watermark(), base.groupBy(), base.filter(),
                base.measures(), base.outputMode(), null, null, false, base.startingOffsets(), null, new OnlineConfig(Duration.ofMinutes(30), flags));
    }

    private static Row order(long offset, String id, String time, String user, long amount) {
        return kafka(offset, confluent(V2_ID, record(V2, id, time, user, "US", "approved", amount)));
    }

    private AggregationQuery query(InMemoryBatchSink sink, RecordingFeatureStore store, MemoryStream<Row> input) {
        AggregationConfig config = velocity();
        CompiledAggregation compiled = new AggregationCompiler().compile(domain(config), config);
        FeatureStoreSinks online = new FeatureStoreSinks(store, "test", PipelineMetrics.withoutJvmMetrics().online());
        return new AggregationQuery("shop." + config.name(), compiled, input::toDF, V2, () -> List.of(new WriterSchema(V2_ID, 2, V2)), sink,
                SinkTables.forAggregateTable(TABLE), checkpoint.toString(), Duration.ZERO, online.forAggregation(compiled));
    }

    private static Map<String, String> describe(FeatureUpdate update) {
        Map<String, String> out = new TreeMap<>(update.features());
        out.put("_window", Instant.ofEpochMilli(update.windowStartMs()) + "/" + Instant.ofEpochMilli(update.windowEndMs()));
        return out;
    }

    @Test
    void eachEntityGetsItsNewestWindowWithFlagsAndTheBatchVersion() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        RecordingFeatureStore store = new RecordingFeatureStore();
        StreamingQuery query = query(sink, store, input).start(spark);
        try {
            // u1: windows [23:59, 00:01), [00:00, 00:02), [00:01, 00:03); u2 only the first two.
            MemoryStreams.add(input, List.of(order(0, "e1", "00:00:10", "u1", 50), order(1, "e2", "00:01:20", "u1", 70),
                    order(2, "e3", "00:00:30", "u2", 5)));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        assertEquals(1, store.calls().size(), "one write per batch");
        RecordingFeatureStore.Call call = store.calls().get(0);
        assertEquals(Duration.ofMinutes(30), call.ttl());
        Map<String, FeatureUpdate> byKey = new TreeMap<>();
        call.updates().forEach(u -> byKey.put(u.key(), u));
        assertEquals(List.of("test:shop:user_velocity:u1", "test:shop:user_velocity:u2"), List.copyOf(byKey.keySet()));
        assertEquals(Map.of("_window", "2024-01-01T00:01:00Z/2024-01-01T00:03:00Z", "orders", "1", "revenue", "70",
                        "revenue_per_order", "70.0", "is_busy", "false", "is_big_spender", "false"),
                describe(byKey.get("test:shop:user_velocity:u1")), "u1's newest window holds only e2");
        assertEquals(Map.of("_window", "2024-01-01T00:00:00Z/2024-01-01T00:02:00Z", "orders", "1", "revenue", "5",
                        "revenue_per_order", "5.0", "is_busy", "false", "is_big_spender", "false"),
                describe(byKey.get("test:shop:user_velocity:u2")));
        long version = sink.commits().get(0).version();
        assertTrue(call.updates().stream().allMatch(u -> u.version() == version), "the features carry the batch's ClickHouse _version");
    }

    @Test
    void flagsFollowTheMeasures() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        RecordingFeatureStore store = new RecordingFeatureStore();
        StreamingQuery query = query(new InMemoryBatchSink(), store, input).start(spark);
        try {
            MemoryStreams.add(input, List.of(order(0, "e1", "00:01:10", "u1", 60), order(1, "e2", "00:01:20", "u1", 70)));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        FeatureUpdate u1 = store.calls().get(0).updates().get(0);
        assertEquals("2", u1.features().get("orders"));
        assertEquals("true", u1.features().get("is_busy"), "orders 2 >= 2");
        assertEquals("true", u1.features().get("is_big_spender"), "revenue 130 > 100");
    }

    @Test
    void aRedisFailureLeavesTheBatchUncommittedAfterTheClickHouseInsert() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        RecordingFeatureStore store = new RecordingFeatureStore();
        store.failNext(1);
        AggregationQuery aggregationQuery = query(sink, store, input);
        StreamingQuery query = aggregationQuery.start(spark);
        MemoryStreams.add(input, List.of(order(0, "e1", "00:00:10", "u1", 50)));
        StreamingQueryException failure = assertThrows(StreamingQueryException.class, query::processAllAvailable);
        query.stop();
        assertTrue(RetriableFailures.retriable(failure), "a Redis outage is retriable like a ClickHouse one: " + failure);
        assertEquals(1, sink.inserts().size(), "ClickHouse was written first");
        assertEquals(0, sink.commits().size(), "nothing is committed until Redis has the features too");
        assertEquals(0, store.calls().size());

        // The job restarts the query from its checkpoint: the batch is re-run, both writes succeed, then the commit.
        query = aggregationQuery.start(spark);
        query.processAllAvailable();
        query.stop();
        // (Spark may add a batch without data to move the watermark on; it has no aggregate rows and writes no features.)
        List<dev.sluice.sink.BatchCommit> batch0 = sink.commits().stream().filter(c -> c.batchId() == 0).toList();
        assertEquals(1, batch0.size());
        assertEquals(1, store.calls().size());
        assertEquals(batch0.get(0).version(), store.calls().get(0).updates().get(0).version(),
                "the re-run's features carry the re-run's version");
    }
}
