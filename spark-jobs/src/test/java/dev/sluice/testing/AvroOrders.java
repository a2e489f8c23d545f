package dev.sluice.testing;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Map;

/**
 * Real Confluent-framed Avro bytes for the test {@code order} event, written with Avro's GenericDatumWriter.
 * {@link #V2} is the layout schema generation gives the current config (event_id, event_time, then the fields in
 * order; enum as Avro enum; money as long; optional as ["null", T] default null). {@link #V1} is an older version
 * without the optional {@code country} and with a field {@code channel} that was removed since.
 */
public final class AvroOrders {

    private static final String NAMESPACE = "dev.sluice.events.shop";

    public static final Schema V2 = schema(true, false);
    public static final Schema V1 = schema(false, true);

    private AvroOrders() {
    }

    private static Schema schema(boolean withCountry, boolean withChannel) {
        Schema time = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        var fields = SchemaBuilder.record("Order").namespace(NAMESPACE).fields()
                .requiredString("event_id")
                .name("event_time").type(time).noDefault()
                .requiredString("user_id");
        if (withCountry) {
            fields = fields.name("country").type().optional().stringType();
        }
        fields = fields.name("status").type().enumeration("OrderStatus").namespace(NAMESPACE).symbols("approved", "declined").noDefault()
                .requiredLong("amount")
                .requiredInt("quantity")
                .requiredDouble("score")
                .requiredBoolean("is_fraud");
        if (withChannel) {
            fields = fields.requiredString("channel");
        }
        return fields.endRecord();
    }

    /** A record of the given writer schema; country is ignored by V1, channel set for V1 only. */
    public static GenericRecord record(Schema schema, String id, String time, String user, String country, String status, long amount) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", id);
        record.put("event_time", Orders.instant(time).toEpochMilli());
        record.put("user_id", user);
        if (schema.getField("country") != null) {
            record.put("country", country);
        }
        record.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), status));
        record.put("amount", amount);
        record.put("quantity", 1);
        record.put("score", 0.5);
        record.put("is_fraud", false);
        if (schema.getField("channel") != null) {
            record.put("channel", "web");
        }
        return record;
    }

    /** Magic byte 0, the schema id big-endian, the Avro binary body. */
    public static byte[] confluent(int schemaId, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] truncate(byte[] message, int dropLast) {
        return Arrays.copyOf(message, message.length - dropLast);
    }

    public static byte[] withMagic(byte[] message, int magic) {
        byte[] copy = message.clone();
        copy[0] = (byte) magic;
        return copy;
    }

    /** The columns of Spark's Kafka source that decoding reads. */
    public static final StructType KAFKA_SCHEMA = DataTypes.createStructType(new org.apache.spark.sql.types.StructField[] {
            DataTypes.createStructField("key", DataTypes.BinaryType, true),
            DataTypes.createStructField("value", DataTypes.BinaryType, true),
            DataTypes.createStructField("topic", DataTypes.StringType, false),
            DataTypes.createStructField("partition", DataTypes.IntegerType, false),
            DataTypes.createStructField("offset", DataTypes.LongType, false),
            DataTypes.createStructField("timestamp", DataTypes.TimestampType, false),
            DataTypes.createStructField("timestampType", DataTypes.IntegerType, false)});

    public static Row kafka(long offset, byte[] value) {
        return RowFactory.create(null, value, TestConfigs.TOPIC, 0, offset, new Timestamp(1_704_067_200_000L + offset), 0);
    }

    public static Map<String, Schema> versions() {
        return Map.of("v1", V1, "v2", V2);
    }
}
