package dev.sluice.benchmarks;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.decode.ConfluentAvroDecoder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * Decoding as Spark runs it: one Spark job over {@link #RECORDS} framed records held in Spark's in-memory cache
 * (one partition, {@code local[1]}: one core), per record. Every variant writes all its columns to Spark's no-op sink,
 * so nothing is pruned away:
 * <ul>
 *   <li>{@code scan}: the cached Kafka columns alone, the cost every variant includes;</li>
 *   <li>{@code beforeFraming}, {@code beforeBranches}, {@code beforeReasons}, {@code beforeDecode}: the decode path before
 *       issue 18 ({@link FromAvroBranchesDecoder}), stage by stage: header slicing, + one {@code from_avro} branch per
 *       writer version, + the reason (range and finiteness checks), + the detail (the whole decode);</li>
 *   <li>{@code afterDecode}: {@link ConfluentAvroDecoder#decode}, the one-pass expression, same output;</li>
 *   <li>{@code beforeBaseline}, {@code afterBaseline}: the bench baseline's query (good events, two columns, counted),
 *       where the optimizer is free to push the reason filter under the decode.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
        "--add-opens=java.base/sun.security.action=ALL-UNNAMED"})
public class SparkDecodeBenchmark {

    static final int RECORDS = 100_000;
    private static final int DISTINCT = 5_000;
    private static final StructType KAFKA = new StructType()
            .add("key", DataTypes.BinaryType).add("value", DataTypes.BinaryType).add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType).add("offset", DataTypes.LongType).add("timestamp", DataTypes.TimestampType);

    @Param({"ecommerce.page_view", "ecommerce.cart_add", "ecommerce.purchase", "payments.transaction", "payments.device_event",
            "payments.click"})
    public String eventType;

    private SparkSession spark;
    private Dataset<Row> kafka;
    private FromAvroBranchesDecoder before;
    private ConfluentAvroDecoder after;

    @Setup
    public void setUp() {
        spark = SparkSession.builder().master("local[1]").appName("decode-benchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "1").getOrCreate();
        EventFixture fixture = EventFixture.load(eventType, DISTINCT);
        List<Row> rows = new ArrayList<>(DISTINCT);
        for (int i = 0; i < DISTINCT; i++) {
            rows.add(RowFactory.create(new byte[] {1}, fixture.values().get(i), fixture.event().topic(), 0, (long) i,
                    new Timestamp(fixture.timestampsMicros().get(i) / 1000)));
        }
        // The distinct records repeated inside Spark: a driver-side list of all of them would make one huge task.
        kafka = spark.range(RECORDS / DISTINCT).crossJoin(spark.createDataFrame(rows, KAFKA)).drop("id")
                .repartition(1).persist(StorageLevel.MEMORY_ONLY());
        kafka.count();
        before = new FromAvroBranchesDecoder(fixture.event(), fixture.reader(), fixture.writers());
        after = new ConfluentAvroDecoder(fixture.event(), fixture.reader(), fixture.writers());
        long good = goodEvents(ConfluentAvroDecoder.events(after.decode(kafka)));
        if (good != RECORDS || goodEvents(FromAvroBranchesDecoder.events(before.decode(kafka))) != RECORDS) {
            throw new IllegalStateException(eventType + ": " + good + " of " + RECORDS + " records decoded [the fixture must hold good events only]");
        }
    }

    @TearDown
    public void tearDown() {
        spark.stop();
    }

    private static long goodEvents(Dataset<Row> events) {
        Row row = events.select(col(EventTypeConfig.EVENT_ID), col(EventTypeConfig.EVENT_TIME))
                .agg(count(lit(1)), count(col(EventTypeConfig.EVENT_ID))).first();
        return row.getLong(1);
    }

    private static void write(Dataset<Row> rows) {
        rows.write().format("noop").mode(SaveMode.Overwrite).save();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void scan(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(kafka);
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void beforeFraming(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(before.framing(kafka));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void beforeBranches(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(before.branches(kafka));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void beforeReasons(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(before.reasons(kafka));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void beforeDecode(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(before.decode(kafka));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void afterDecode(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        write(after.decode(kafka));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long beforeBaseline(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        long good = goodEvents(FromAvroBranchesDecoder.events(before.decode(kafka)));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
        return good;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long afterBaseline(CpuCounters cpu) {
        long start = CpuCounters.processCpu();
        long good = goodEvents(ConfluentAvroDecoder.events(after.decode(kafka)));
        cpu.add(start, CpuCounters.processCpu(), RECORDS);
        return good;
    }
}
