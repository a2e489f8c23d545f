package dev.sluice.decode;

import dev.sluice.testing.MemoryStreams;
import dev.sluice.testing.SparkTestSession;
import dev.sluice.testing.TestConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.OutputMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.sluice.testing.AvroOrders.*;
import static dev.sluice.testing.Rows.format;
import static dev.sluice.testing.Rows.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfluentAvroDecoderTest {

    private static final int V1_ID = 7;
    private static final int V2_ID = 12;

    private final SparkSession spark = SparkTestSession.get();
    private final ConfluentAvroDecoder decoder = new ConfluentAvroDecoder(TestConfigs.orderEvent(), V2,
            List.of(new WriterSchema(V2_ID, 2, V2), new WriterSchema(V1_ID, 1, V1)));

    @TempDir
    Path checkpoint;

    private static List<Row> mixedRecords() {
        byte[] good = confluent(V2_ID, record(V2, "e3", "00:00:03", "u3", "GB", "approved", 300));
        return List.of(
                kafka(0, confluent(V1_ID, record(V1, "e1", "00:00:01", "u1", "ignored", "approved", 100))),
                kafka(1, confluent(V2_ID, record(V2, "e2", "00:00:02", "u2", "US", "declined", 200))),
                kafka(2, good),
                kafka(3, confluent(V1_ID, record(V1, "e4", "00:00:04", "u4", null, "declined", 400))),
                kafka(4, withMagic(good, 1)),
                kafka(5, truncate(good, 4)),
                kafka(6, confluent(99, record(V2, "e5", "00:00:05", "u5", "FR", "approved", 500))),
                kafka(7, new byte[] {0, 0, 0}),
                kafka(8, null),
                kafka(9, "{\"event_id\":\"json\"}".getBytes()));
    }

    private static final List<String> EXPECTED_EVENTS = sorted(
            "e1|00:00:01|u1|null|approved|100|1|0.5|false|shop.orders|0|0|7",
            "e2|00:00:02|u2|US|declined|200|1|0.5|false|shop.orders|0|1|12",
            "e3|00:00:03|u3|GB|approved|300|1|0.5|false|shop.orders|0|2|12",
            "e4|00:00:04|u4|null|declined|400|1|0.5|false|shop.orders|0|3|7");

    private static final List<String> EXPECTED_DEAD_LETTERS = sorted(
            "4|null|BAD_MAGIC_BYTE",
            "5|12|UNDECODABLE",
            "6|99|UNKNOWN_SCHEMA_ID",
            "7|null|TRUNCATED",
            "8|null|TRUNCATED",
            "9|null|BAD_MAGIC_BYTE");

    private static Dataset<Row> eventView(Dataset<Row> events) {
        return events.drop(KafkaColumns.TIMESTAMP);
    }

    private static Dataset<Row> deadLetterView(Dataset<Row> deadLetters) {
        return deadLetters.select(KafkaColumns.OFFSET, KafkaColumns.SCHEMA_ID, KafkaColumns.REASON);
    }

    @Test
    void decodesInterleavedWriterVersionsIntoTheReaderColumnsAndDeadLettersTheRest() {
        Dataset<Row> kafka = spark.createDataFrame(mixedRecords(), KAFKA_SCHEMA);
        Dataset<Row> decoded = decoder.decode(kafka);

        assertEquals(EXPECTED_EVENTS, format(eventView(ConfluentAvroDecoder.events(decoded)).collectAsList()));
        assertEquals(EXPECTED_DEAD_LETTERS, format(deadLetterView(ConfluentAvroDecoder.deadLetters(decoded)).collectAsList()));
        assertEquals(mixedRecords().size(), decoded.count(), "every input record is either an event or a dead letter");
    }

    @Test
    void deadLettersKeepTheRawBytesForInspectionAndReplay() {
        byte[] bad = withMagic(confluent(V2_ID, record(V2, "x", "00:00:01", "u", "US", "approved", 1)), 9);
        Dataset<Row> decoded = decoder.decode(spark.createDataFrame(List.of(kafka(42, bad)), KAFKA_SCHEMA));

        Row deadLetter = ConfluentAvroDecoder.deadLetters(decoded).collectAsList().get(0);
        assertEquals(42L, deadLetter.<Long>getAs(KafkaColumns.OFFSET));
        assertEquals(java.util.Arrays.toString(bad), java.util.Arrays.toString(deadLetter.<byte[]>getAs(KafkaColumns.VALUE)));
    }

    @Test
    void decodesAStreamTheSameWay() throws Exception {
        MemoryStream<Row> input = MemoryStreams.of(spark, KAFKA_SCHEMA);
        Dataset<Row> decoded = decoder.decode(input.toDF());
        List<String> events = new java.util.ArrayList<>();
        List<String> deadLetters = new java.util.ArrayList<>();
        var query = decoded.writeStream().outputMode(OutputMode.Append()).option("checkpointLocation", checkpoint.toString())
                .foreachBatch((Dataset<Row> batch, Long id) -> {
                    events.addAll(format(eventView(ConfluentAvroDecoder.events(batch)).collectAsList()));
                    deadLetters.addAll(format(deadLetterView(ConfluentAvroDecoder.deadLetters(batch)).collectAsList()));
                }).start();
        try {
            MemoryStreams.add(input, mixedRecords().subList(0, 5));
            query.processAllAvailable();
            MemoryStreams.add(input, mixedRecords().subList(5, 10));
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        events.sort(null);
        deadLetters.sort(null);
        assertEquals(EXPECTED_EVENTS, events);
        assertEquals(EXPECTED_DEAD_LETTERS, deadLetters);
    }

    @Test
    void eventTimesOutOfRangeAndNonFiniteDoublesAreDeadLettersThatSayWhy() {
        // Kafka timestamps of kafka(offset, ...) are 2024-01-01T00:00:00Z + offset ms.
        org.apache.avro.generic.GenericRecord nan = record(V2, "nan", "00:00:01", "u", "US", "approved", 1);
        nan.put("score", Double.NaN);
        org.apache.avro.generic.GenericRecord inf = record(V2, "inf", "00:00:01", "u", "US", "approved", 1);
        inf.put("score", Double.NEGATIVE_INFINITY);
        org.apache.avro.generic.GenericRecord future = record(V2, "future", "00:00:01", "u", "US", "approved", 1);
        future.put("event_time", java.time.Instant.parse("2024-01-02T00:00:01Z").toEpochMilli());
        org.apache.avro.generic.GenericRecord nextDay = record(V2, "nextday", "00:00:01", "u", "US", "approved", 1);
        nextDay.put("event_time", java.time.Instant.parse("2024-01-01T23:59:59Z").toEpochMilli());
        org.apache.avro.generic.GenericRecord year3000 = record(V2, "y3000", "00:00:01", "u", "US", "approved", 1);
        year3000.put("event_time", java.time.Instant.parse("3000-01-01T00:00:00Z").toEpochMilli());
        org.apache.avro.generic.GenericRecord before1970 = record(V2, "y1900", "00:00:01", "u", "US", "approved", 1);
        before1970.put("event_time", java.time.Instant.parse("1900-01-01T00:00:00Z").toEpochMilli());
        org.apache.avro.generic.GenericRecord past = record(V2, "y2001", "00:00:01", "u", "US", "approved", 1);
        past.put("event_time", java.time.Instant.parse("2001-01-01T00:00:00Z").toEpochMilli());
        List<Row> rows = List.of(kafka(0, confluent(V2_ID, nan)), kafka(1, confluent(V2_ID, inf)), kafka(2, confluent(V2_ID, future)),
                kafka(3, confluent(V2_ID, nextDay)), kafka(4, confluent(V2_ID, year3000)), kafka(5, confluent(V2_ID, before1970)),
                kafka(6, confluent(V2_ID, past)));

        Dataset<Row> decoded = decoder.decode(spark.createDataFrame(rows, KAFKA_SCHEMA));

        assertEquals(sorted(
                        "0|NON_FINITE_NUMBER|double fields must be finite numbers: score=NaN",
                        "1|NON_FINITE_NUMBER|double fields must be finite numbers: score=-Infinity",
                        "2|EVENT_TIME_OUT_OF_RANGE|event_time 2024-01-02T00:00:01.000Z with Kafka timestamp 2024-01-01T00:00:00.002Z: "
                                + dev.sluice.decode.EventTimeRange.describe(),
                        "4|EVENT_TIME_OUT_OF_RANGE|event_time 3000-01-01T00:00:00.000Z with Kafka timestamp 2024-01-01T00:00:00.004Z: "
                                + dev.sluice.decode.EventTimeRange.describe(),
                        "5|EVENT_TIME_OUT_OF_RANGE|event_time 1900-01-01T00:00:00.000Z with Kafka timestamp 2024-01-01T00:00:00.005Z: "
                                + dev.sluice.decode.EventTimeRange.describe()),
                format(decoded.filter(org.apache.spark.sql.functions.col(KafkaColumns.REASON).isNotNull())
                        .select(KafkaColumns.OFFSET, KafkaColumns.REASON, KafkaColumns.DETAIL).collectAsList()));
        // Less than a day ahead, and long past (late, not refused), are events.
        assertEquals(sorted("nextday", "y2001"), format(ConfluentAvroDecoder.events(decoded).select("event_id").collectAsList()));
    }
}
