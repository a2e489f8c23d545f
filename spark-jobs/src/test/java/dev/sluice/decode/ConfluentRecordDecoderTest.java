package dev.sluice.decode;

import dev.sluice.testing.TestConfigs;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.sluice.testing.AvroOrders.V1;
import static dev.sluice.testing.AvroOrders.V2;
import static dev.sluice.testing.AvroOrders.confluent;
import static dev.sluice.testing.AvroOrders.record;
import static dev.sluice.testing.AvroOrders.truncate;
import static dev.sluice.testing.AvroOrders.withMagic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-pass decoder on its own, record by record, without Spark jobs or services: every reason and the evolution by id. */
class ConfluentRecordDecoderTest {

    private static final int V1_ID = 7;
    private static final int V2_ID = 12;
    private static final long KAFKA_MICROS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() * 1000;
    /** Reader V2 field ordinals in the decoded event. */
    private static final int EVENT_ID = 0;
    private static final int EVENT_TIME = 1;
    private static final int USER_ID = 2;
    private static final int COUNTRY = 3;
    private static final int STATUS = 4;
    private static final int FIELDS = 9;

    private final ConfluentRecordDecoder decoder = decoder(V2, List.of(new WriterSchema(V2_ID, 2, V2), new WriterSchema(V1_ID, 1, V1)));

    private static ConfluentRecordDecoder decoder(Schema reader, List<WriterSchema> writers) {
        SQLConf conf = new SQLConf();
        conf.setConfString(SQLConf.SESSION_LOCAL_TIMEZONE().key(), "UTC");
        return new ConfluentAvroDecoder(TestConfigs.orderEvent(), reader, writers)
                .expression(Literal.create(null, DataTypes.BinaryType), Literal.create(null, DataTypes.TimestampType), conf).newDecoder();
    }

    private InternalRow decode(byte[] value) {
        return decoder.decode(value, KAFKA_MICROS, false);
    }

    private static String reason(InternalRow row) {
        return row.isNullAt(ConfluentRecordDecoder.REASON) ? null : row.getUTF8String(ConfluentRecordDecoder.REASON).toString();
    }

    private static String detail(InternalRow row) {
        return row.isNullAt(ConfluentRecordDecoder.DETAIL) ? null : row.getUTF8String(ConfluentRecordDecoder.DETAIL).toString();
    }

    private static Long schemaId(InternalRow row) {
        return row.isNullAt(ConfluentRecordDecoder.SCHEMA_ID) ? null : row.getLong(ConfluentRecordDecoder.SCHEMA_ID);
    }

    private static InternalRow event(InternalRow row) {
        return row.isNullAt(ConfluentRecordDecoder.EVENT) ? null : row.getStruct(ConfluentRecordDecoder.EVENT, FIELDS);
    }

    private static GenericRecord order(String id) {
        return record(V2, id, "00:00:01", "u", "US", "approved", 1);
    }

    @Test
    void goodEventsOfEveryWriterVersionComeOutInTheReaderColumnsPickedByTheirId() {
        InternalRow v2 = decode(confluent(V2_ID, record(V2, "e2", "00:00:02", "u2", "US", "declined", 200)));
        assertNull(reason(v2));
        assertNull(detail(v2));
        assertEquals(12L, schemaId(v2));
        assertEquals("e2", event(v2).getUTF8String(EVENT_ID).toString());
        assertEquals("US", event(v2).getUTF8String(COUNTRY).toString());
        assertEquals("declined", event(v2).getUTF8String(STATUS).toString());

        // V1 has no country (the reader's default, null, fills it) and a channel the reader dropped.
        InternalRow v1 = decode(confluent(V1_ID, record(V1, "e1", "00:00:01", "u1", "ignored", "approved", 100)));
        assertNull(reason(v1));
        assertEquals(7L, schemaId(v1));
        assertEquals("u1", event(v1).getUTF8String(USER_ID).toString());
        assertTrue(event(v1).isNullAt(COUNTRY));
        assertEquals(Instant.parse("2024-01-01T00:00:01Z").toEpochMilli() * 1000, event(v1).getLong(EVENT_TIME));
    }

    @Test
    void nullAndShorterThanTheHeaderAreTruncated() {
        for (byte[] value : new byte[][] {null, {}, {0, 0, 0, 12}}) {
            InternalRow row = decode(value);
            assertEquals("TRUNCATED", reason(row));
            assertNull(schemaId(row), "no schema id without a whole header");
            assertNull(event(row));
        }
    }

    @Test
    void aFirstByteOtherThanZeroIsABadMagicByteWithoutSchemaId() {
        for (byte[] value : new byte[][] {withMagic(confluent(V2_ID, order("x")), 1), "{\"event_id\":\"json\"}".getBytes()}) {
            InternalRow row = decode(value);
            assertEquals("BAD_MAGIC_BYTE", reason(row));
            assertNull(schemaId(row));
        }
    }

    @Test
    void anIdThatIsNoRegisteredVersionIsUnknownAndKeepsTheId() {
        InternalRow row = decode(confluent(99, order("x")));
        assertEquals("UNKNOWN_SCHEMA_ID", reason(row));
        assertEquals(99L, schemaId(row));
        assertNull(event(row));
        // Four unsigned bytes: 0xFFFFFFFF is 4294967295, not -1.
        assertEquals(4_294_967_295L, schemaId(decode(confluent(-1, order("x")))));
    }

    @Test
    void payloadsThatDoNotDecodeOrResolveAreUndecodable() {
        byte[] good = confluent(V2_ID, order("x"));
        Schema withoutUser = Schema.createRecord(V2.getName(), null, V2.getNamespace(), false, V2.getFields().stream()
                .filter(f -> !f.name().equals("user_id")).map(f -> new Schema.Field(f, f.schema())).toList());
        ConfluentRecordDecoder incompatible = decoder(V2, List.of(new WriterSchema(V2_ID, 2, V2), new WriterSchema(30, 3, withoutUser)));
        GenericRecord noUser = new org.apache.avro.generic.GenericData.Record(withoutUser);
        withoutUser.getFields().forEach(f -> noUser.put(f.name(), order("x").get(f.name())));
        for (InternalRow row : List.of(decode(truncate(good, 4)), decode(truncate(good, good.length - 5)),
                incompatible.decode(confluent(30, noUser), KAFKA_MICROS, false))) {
            assertEquals("UNDECODABLE", reason(row));
            assertNull(event(row));
            assertFalse(row.isNullAt(ConfluentRecordDecoder.SCHEMA_ID));
        }
        // The decoder recovers: the next good record decodes.
        assertNull(reason(decode(good)));
    }

    @Test
    void aReaderWithAnOptionalEventTimeSeesMissingEventTimes() {
        Schema optionalTime = Schema.createRecord(V2.getName(), null, V2.getNamespace(), false, V2.getFields().stream()
                .map(f -> f.name().equals(dev.sluice.config.EventTypeConfig.EVENT_TIME)
                        ? new Schema.Field(f.name(), Schema.createUnion(Schema.create(Schema.Type.NULL), f.schema()), null, JsonProperties.NULL_VALUE)
                        : new Schema.Field(f, f.schema())).toList());
        ConfluentRecordDecoder lenient = decoder(optionalTime, List.of(new WriterSchema(40, 1, optionalTime)));
        GenericRecord timeless = new org.apache.avro.generic.GenericData.Record(optionalTime);
        optionalTime.getFields().forEach(f -> timeless.put(f.name(), order("x").get(f.name())));
        timeless.put("event_time", null);
        timeless.put("status", new org.apache.avro.generic.GenericData.EnumSymbol(optionalTime.getField("status").schema(), "approved"));

        InternalRow row = lenient.decode(confluent(40, timeless), KAFKA_MICROS, false);
        assertEquals("MISSING_EVENT_TIME", reason(row));
        assertEquals("x", event(row).getUTF8String(EVENT_ID).toString(), "the decoded record is kept");
    }

    @Test
    void eventTimesOutsideTheRangeSayWhichTimesTheyWere() {
        GenericRecord future = order("future");
        future.put("event_time", Instant.parse("2024-01-02T00:00:00.001Z").toEpochMilli());
        InternalRow ahead = decode(confluent(V2_ID, future));
        assertEquals("EVENT_TIME_OUT_OF_RANGE", reason(ahead));
        assertEquals("event_time 2024-01-02T00:00:00.001Z with Kafka timestamp 2024-01-01T00:00:00.000Z: " + EventTimeRange.describe(),
                detail(ahead));
        assertEquals("future", event(ahead).getUTF8String(EVENT_ID).toString(), "the decoded record is kept");

        GenericRecord aDayAhead = order("day");
        aDayAhead.put("event_time", Instant.parse("2024-01-02T00:00:00Z").toEpochMilli());
        assertNull(reason(decode(confluent(V2_ID, aDayAhead))), "exactly a day ahead is still an event");

        for (String time : List.of("1969-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z")) {
            GenericRecord outside = order("outside");
            outside.put("event_time", Instant.parse(time).toEpochMilli());
            InternalRow row = decoder.decode(confluent(V2_ID, outside), -1000, false);
            assertEquals("EVENT_TIME_OUT_OF_RANGE", reason(row), time);
            // Without a Kafka timestamp (-1 ms) only the absolute range applies; with a null one there is no detail.
            assertNull(reason(decoder.decode(confluent(V2_ID, future), -1000, false)));
            InternalRow noTimestamp = decoder.decode(confluent(V2_ID, outside), 0, true);
            assertEquals("EVENT_TIME_OUT_OF_RANGE", reason(noTimestamp));
            assertNull(detail(noTimestamp));
        }
    }

    @Test
    void nonFiniteDoublesAreListedByField() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            GenericRecord record = order("bad");
            record.put("score", bad);
            InternalRow row = decode(confluent(V2_ID, record));
            assertEquals("NON_FINITE_NUMBER", reason(row));
            assertEquals("double fields must be finite numbers: score=" + bad, detail(row));
        }
    }

    @Test
    void aDeadLetterAfterAGoodEventCarriesNothingOfIt() {
        GenericRecord nan = order("nan");
        nan.put("score", Double.NaN);
        decode(confluent(V2_ID, nan));
        InternalRow row = decode(confluent(99, order("x")));
        assertEquals("UNKNOWN_SCHEMA_ID", reason(row));
        assertNull(detail(row));
        assertNull(event(row));
        InternalRow good = decode(confluent(V2_ID, order("y")));
        assertNull(reason(good));
        assertNull(detail(good));
    }
}
