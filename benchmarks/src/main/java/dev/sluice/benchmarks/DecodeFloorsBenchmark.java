package dev.sluice.benchmarks;

import dev.sluice.decode.ConfluentAvroDecoder;
import dev.sluice.decode.ConfluentRecordDecoder;
import dev.sluice.decode.WriterSchema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.spark.sql.avro.AvroDeserializer;
import org.apache.spark.sql.avro.SchemaConverters$;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The floors, per record and without Spark around them, on the same framed bytes:
 * <ul>
 *   <li>{@code avroReader}: plain Avro, {@code GenericDatumReader} of the record's writer schema resolved to the reader
 *       schema (once per writer), header skipped;</li>
 *   <li>{@code avroReaderThenSparkRow}: the same plus spark-avro's {@code AvroDeserializer} into Spark's row: what
 *       {@code from_avro} does per record;</li>
 *   <li>{@code sluiceDecoder}: Sluice's one-pass decoder (header, writer by id, Avro's resolving decoder straight into
 *       Spark's row, every dead-letter check), what the {@code confluent_avro} expression calls per record.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DecodeFloorsBenchmark {

    static final int RECORDS = 4096;

    @Param({"ecommerce.page_view", "ecommerce.cart_add", "ecommerce.purchase", "payments.transaction", "payments.device_event",
            "payments.click"})
    public String eventType;

    private byte[][] values;
    private long[] timestamps;
    private Map<Integer, GenericDatumReader<Object>> readers;
    private AvroDeserializer deserializer;
    private ConfluentRecordDecoder sluice;
    private BinaryDecoder decoder;
    private Object record;

    @Setup
    public void setUp() {
        EventFixture fixture = EventFixture.load(eventType, RECORDS);
        values = fixture.values().toArray(byte[][]::new);
        timestamps = fixture.timestampsMicros().stream().mapToLong(Long::longValue).toArray();
        readers = new HashMap<>();
        for (WriterSchema writer : fixture.writers()) {
            readers.put(writer.id(), new GenericDatumReader<>(writer.schema(), fixture.reader()));
        }
        StructType type = (StructType) SchemaConverters$.MODULE$.toSqlType(fixture.reader()).dataType().asNullable();
        deserializer = new AvroDeserializer(fixture.reader(), type, "EXCEPTION", false);
        ConfluentAvroDecoder pipeline = new ConfluentAvroDecoder(fixture.event(), fixture.reader(), fixture.writers());
        SQLConf conf = new SQLConf();
        conf.setConfString(SQLConf.SESSION_LOCAL_TIMEZONE().key(), "UTC");
        sluice = pipeline.expression(Literal.create(null, DataTypes.BinaryType), Literal.create(null, DataTypes.TimestampType), conf).newDecoder();
        check(fixture.values());
    }

    /** Every record must be a good event, or the figures would time dead-letter paths. */
    private void check(List<byte[]> framed) {
        for (int i = 0; i < framed.size(); i++) {
            if (!sluice.decode(framed.get(i), timestamps[i], false).isNullAt(2)) {
                throw new IllegalStateException("record " + i + " of " + eventType + " is a dead letter: "
                        + sluice.decode(framed.get(i), timestamps[i], false).getUTF8String(2));
            }
        }
    }

    private Object read(byte[] value) throws IOException {
        int id = ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
        decoder = DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, decoder);
        record = readers.get(id).read(record, decoder);
        return record;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void avroReader(Blackhole blackhole, CpuCounters cpu) throws IOException {
        long start = CpuCounters.threadCpu();
        for (byte[] value : values) {
            blackhole.consume(read(value));
        }
        cpu.add(start, CpuCounters.threadCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void avroReaderThenSparkRow(Blackhole blackhole, CpuCounters cpu) throws IOException {
        long start = CpuCounters.threadCpu();
        for (byte[] value : values) {
            blackhole.consume(deserializer.deserialize(read(value)).get());
        }
        cpu.add(start, CpuCounters.threadCpu(), RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void sluiceDecoder(Blackhole blackhole, CpuCounters cpu) {
        long start = CpuCounters.threadCpu();
        for (int i = 0; i < values.length; i++) {
            blackhole.consume(sluice.decode(values[i], timestamps[i], false));
        }
        cpu.add(start, CpuCounters.threadCpu(), RECORDS);
    }
}
