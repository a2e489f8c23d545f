package dev.sluice.spark;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.decode.WriterSchema;
import dev.sluice.observe.CompiledClasses;
import dev.sluice.sink.SinkTables;
import dev.sluice.testing.InMemoryBatchSink;
import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.sluice.testing.AvroOrders.*;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once a query is warm, a micro-batch must not make Spark compile new code of Sluice's: the per-batch values (late-event
 * watermark, write version) reach the generated classes as references ({@code PerBatchLiterals}). What is left is Spark's
 * own: a stateful operator builds its state-eviction predicate with the batch's watermark inlined, a small class per
 * batch. Measured with this test's data before the fix: 5 classes per batch without de-duplication, 6 with; after: 1 and 1.
 */
class SteadyStateCompilationTest {

    private static final int WARM_UP_BATCHES = 3;
    private static final int MEASURED_BATCHES = 4;

    @TempDir
    Path checkpoint;

    @ParameterizedTest(name = "deduplicate={0}")
    @CsvSource({"false, 1", "true, 2"})
    void aSteadyStateBatchCompilesOnlySparksOwnEvictionPredicates(boolean deduplicate, int statefulOperators) throws Exception {
        SparkSession spark = SparkTestSession.get();
        AggregationConfig config = aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(condition("status", Operator.EQ, "approved")),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE,
                deduplicate);
        CompiledAggregation compiled = new AggregationCompiler().compile(domain(config), config);
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        InMemoryBatchSink sink = new InMemoryBatchSink();
        AggregationQuery aggregationQuery = new AggregationQuery("shop.per_minute", compiled, input::toDF, V2,
                () -> List.of(new WriterSchema(12, 2, V2)), sink, SinkTables.forAggregateTable("shop_per_minute"), checkpoint.toString(),
                Duration.ZERO);
        AtomicLong compiledClasses = new AtomicLong();
        List<Long> perBatch = new ArrayList<>();
        StreamingQuery query = aggregationQuery.start(spark);
        try (CompiledClasses ignored = CompiledClasses.watch(compiledClasses::incrementAndGet)) {
            long offset = 0;
            for (int batch = 0; batch < WARM_UP_BATCHES + MEASURED_BATCHES; batch++) {
                // Each batch moves event time on by 40 s, so the watermark (and the version) differ in every batch; from
                // the third batch on, one row per batch is late (its window [00:00, 00:01) closed), so the warm-up has
                // run every path a batch can take, the late-event insert included.
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    int second = i == 4 && batch >= 2 ? 30 : 100 + batch * 40 + i * 7;
                    rows.add(kafka(offset, confluent(12, record(V2, "e" + offset, time(second), "u1", "US", "approved", 1))));
                    offset++;
                }
                long before = compiledClasses.get();
                MemoryStreams.add(input, rows);
                query.processAllAvailable();
                perBatch.add(compiledClasses.get() - before);
            }
        } finally {
            query.stop();
        }
        assertTrue(sink.rows(SinkTables.LATE_EVENTS).size() > 0, "the data should hold late events (their insert is per-batch code too)");
        List<Long> measured = perBatch.subList(WARM_UP_BATCHES, perBatch.size());
        assertTrue(measured.stream().allMatch(n -> n <= statefulOperators), "at most " + statefulOperators
                + " classes (Spark's eviction predicates) per batch after warm-up; compiled per batch: " + perBatch);
    }

    private static String time(int second) {
        return String.format("00:%02d:%02d", second / 60, second % 60);
    }
}
