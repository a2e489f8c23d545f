package dev.sluice.endtoend;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Kafka records a hostile or broken producer could send, each with what the job must make of it: a dead letter with
 * a given reason (and a phrase its error must contain), or a valid event the aggregates must count exactly. Values
 * are Confluent-framed Avro written with Avro's own {@link GenericDatumWriter}, independent of the generator.
 */
final class HostileRecords {

    /** What the job must do with a record: {@code reason} null means it is a valid event ({@code fields} set). */
    record Expect(String reason, String errorContains, Map<String, Object> fields) {
        static Expect deadLetter(String reason, String errorContains) {
            return new Expect(reason, errorContains, null);
        }

        static Expect event(Map<String, Object> fields) {
            return new Expect(null, null, fields);
        }

        boolean valid() {
            return reason == null;
        }
    }

    /** One record to send; {@code timestamp} null lets the producer stamp it now. */
    record Hostile(String name, String topic, byte[] key, byte[] value, Long timestamp, Expect expect) {
    }

    private final DomainConfig domain;
    private final Random random = new Random(8);

    HostileRecords(DomainConfig domain) {
        this.domain = domain;
    }

    /** A plausible event of the type (every field set, enums to their first symbol), to be varied by the caller. */
    Map<String, Object> event(String eventType, String id, long eventTimeMs) {
        EventTypeConfig event = domain.event(eventType);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(EventTypeConfig.EVENT_ID, id);
        fields.put(EventTypeConfig.EVENT_TIME, eventTimeMs);
        for (FieldConfig field : event.fields()) {
            fields.put(field.name(), switch (field.type()) {
                case STRING -> field.name().endsWith("_id") ? "h_" + field.name() : "hostile";
                case ENUM -> field.symbols().get(0);
                case INT -> 1;
                case LONG, MONEY -> 1234L;
                case DOUBLE -> 0.5;
                case BOOLEAN -> Boolean.FALSE;
                case TIMESTAMP -> eventTimeMs;
            });
        }
        return fields;
    }

    /** Magic byte 0, the schema id big-endian, the Avro binary of {@code fields} written with {@code schema}. */
    static byte[] confluent(int schemaId, Schema schema, Map<String, Object> fields) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            Object value = fields.get(field.name());
            Schema type = nonNull(field.schema());
            record.put(field.name(), type.getType() == Schema.Type.ENUM && value != null ? new GenericData.EnumSymbol(type, value) : value);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] withFirstByte(byte[] value, int first) {
        byte[] copy = value.clone();
        copy[0] = (byte) first;
        return copy;
    }

    static byte[] truncated(byte[] value, int keep) {
        return Arrays.copyOf(value, keep);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean isDouble(EventTypeConfig event, String field) {
        return event.fieldType(field).map(t -> t == FieldType.DOUBLE).orElse(false);
    }
}
