package dev.sluice.sink;

import dev.sluice.testing.SparkTestSession;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.function.LongFunction;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-batch values must not change Spark's generated code: counted with Spark's own compilation metric
 * ({@link CodegenMetrics#METRIC_COMPILATION_TIME()}, one sample per class Janino compiles), against a control query that
 * uses an ordinary long literal and so compiles again for every new value.
 */
class PerBatchLiteralsTest {

    private static final long T = 1_764_000_000_000L; // an event time in 2025
    private static Dataset<Row> events;

    @BeforeAll
    static void events() {
        SparkSession spark = SparkTestSession.get();
        // From range(), not a local relation: Spark evaluates small local relations on the driver without generated code.
        events = spark.range(4).select(when(col("id").lt(3), call_function("timestamp_millis", col("id").plus(lit(T - 1))))
                .as("t"));
    }

    @Test
    void atOrBeforeIsExactToTheMillisecondOnEitherSide() {
        assertEquals(1, lateCount(T - 1));
        assertEquals(2, lateCount(T));
        assertEquals(3, lateCount(T + 1));
        assertEquals(0, lateCount(0));
    }

    @Test
    void millisSinceAndJsonTimestamp() {
        Row row = events.filter(col("t").isNotNull()).agg(max(PerBatchLiterals.millisSince(col("t"), T + 5)),
                max(PerBatchLiterals.jsonTimestamp(T + 5)), max(PerBatchLiterals.number(1_796_344_914_954_589L))).first();
        assertEquals(6L, row.getLong(0)); // from T - 1
        assertEquals("2025-11-24 16:00:00.005", row.getString(1));
        assertEquals("1796344914954589", row.get(2).toString());
    }

    @Test
    void aNewValueCompilesNothingNew() {
        long perBatchLiterals = compilationsForNewValues(w -> PerBatchLiterals.atOrBefore(col("t"), w));
        long longLiterals = compilationsForNewValues(w -> col("t").leq(lit(new Timestamp(w))));
        assertEquals(0, perBatchLiterals, "classes compiled for three new per-batch values");
        // The control shows the metric sees what the fix avoids: a Timestamp literal is new source for each value.
        assertTrue(longLiterals >= 3, "an inlined literal should compile per value, compiled " + longLiterals);
    }

    /** Runs the query once to warm the cache, then for three new values; returns the classes compiled for those. */
    private static long compilationsForNewValues(LongFunction<Column> predicate) {
        run(predicate.apply(T + 1_000));
        long before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
        for (long w = T + 2_000; w < T + 5_000; w += 1_000) {
            run(predicate.apply(w));
        }
        return CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - before;
    }

    private static void run(Column predicate) {
        // count(when(...)) inside a projection over a whole-stage-codegen'd scan: the shape BatchWriter's batch pass has.
        events.select(when(predicate, lit(1)).as("late")).agg(count(col("late"))).collectAsList();
    }

    private static long lateCount(long watermarkMs) {
        return events.agg(count(when(PerBatchLiterals.atOrBefore(col("t"), watermarkMs), lit(1)))).first().getLong(0);
    }
}
