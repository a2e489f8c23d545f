package dev.sluice.schema;

import dev.sluice.registry.SchemaLookup;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Confluent wire format: magic byte {@code 0x00}, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the record. Confluent's serializers, Spark jobs and any Kafka tooling agree on it.
 *
 * <p>Thread-safe. {@link #encode} is on the generator's hot path, so writers are cached per schema and each thread
 * reuses one buffer and one encoder; the only allocation per message is the returned array.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0x00;
    public static final int HEADER_LENGTH = 5;

    /** Schema id and where the Avro payload sits inside a message. */
    public record Framed(int schemaId, int payloadOffset, int payloadLength) {
    }

    private record ReaderKey(int writerSchemaId, Schema writerSchema, Schema readerSchema) {
    }

    private final Map<Schema, GenericDatumWriter<GenericRecord>> writers = new ConcurrentHashMap<>();
    private final Map<ReaderKey, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();
    private final ThreadLocal<EncodeState> encodeState = ThreadLocal.withInitial(EncodeState::new);
    private final ThreadLocal<BinaryDecoder> decoder = new ThreadLocal<>();

    public byte[] encode(int schemaId, GenericRecord record) {
        Schema schema = record.getSchema();
        GenericDatumWriter<GenericRecord> writer = writers.computeIfAbsent(schema, GenericDatumWriter::new);
        EncodeState state = encodeState.get();
        state.buffer.reset();
        state.buffer.writeHeader(schemaId);
        try {
            state.encoder = EncoderFactory.get().directBinaryEncoder(state.buffer, state.encoder);
            writer.write(record, state.encoder);
        } catch (IOException e) {
            throw new UncheckedIOException("bug: writing to an in-memory buffer failed", e);
        } catch (RuntimeException e) {
            // NullPointerException / ClassCastException / AvroRuntimeException: the record does not match its schema.
            throw new IllegalArgumentException("bug: record of " + schema.getFullName()
                    + " does not match its schema and cannot be encoded: " + e, e);
        }
        return state.buffer.toByteArray();
    }

    /** Reads and checks the 5-byte header. */
    public static Framed decodeHeader(byte[] message) {
        if (message == null) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "message has no value (null, e.g. a tombstone); expected magic byte 0x00 + 4-byte schema id + Avro payload");
        }
        if (message.length < HEADER_LENGTH) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "message is " + message.length + " bytes long, shorter than the 5-byte Confluent header (magic byte + schema id)");
        }
        if (message[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Reason.BAD_MAGIC_BYTE, String.format(
                    "first byte is 0x%02x, expected magic byte 0x00: not Confluent-framed Avro (%s)",
                    message[0] & 0xff, describeForeignPayload(message)));
        }
        int schemaId = ((message[1] & 0xff) << 24) | ((message[2] & 0xff) << 16) | ((message[3] & 0xff) << 8) | (message[4] & 0xff);
        return new Framed(schemaId, HEADER_LENGTH, message.length - HEADER_LENGTH);
    }

    /**
     * Decodes a framed message with its writer schema (found by id) resolved to {@code readerSchema}. Pass the
     * writer schema itself as reader to get the record as written.
     */
    public GenericRecord decode(byte[] message, SchemaLookup lookup, Schema readerSchema) {
        Framed framed = decodeHeader(message);
        Optional<Schema> writerSchema = lookup.schemaById(framed.schemaId());
        if (writerSchema.isEmpty()) {
            throw new WireFormatException(WireFormatException.Reason.UNKNOWN_SCHEMA_ID,
                    "schema id " + framed.schemaId() + " is not known to the schema registry (produced against another registry, or the registry lost its data)");
        }
        Schema writer = writerSchema.get();
        Schema reader = readerSchema == null ? writer : readerSchema;
        GenericDatumReader<GenericRecord> datumReader;
        try {
            datumReader = readers.computeIfAbsent(new ReaderKey(framed.schemaId(), writer, reader),
                    k -> new GenericDatumReader<>(k.writerSchema(), k.readerSchema()));
        } catch (AvroRuntimeException e) {
            throw new WireFormatException(WireFormatException.Reason.UNDECODABLE,
                    "writer schema id " + framed.schemaId() + " cannot be resolved to reader schema " + reader.getFullName() + ": " + e.getMessage(), e);
        }
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(message, framed.payloadOffset(), framed.payloadLength(), decoder.get());
        decoder.set(in);
        GenericRecord record;
        try {
            record = datumReader.read(null, in);
        } catch (EOFException e) {
            throw new WireFormatException(WireFormatException.Reason.TRUNCATED,
                    "Avro payload of " + framed.payloadLength() + " bytes ends before the record of schema id " + framed.schemaId() + " does", e);
        } catch (IOException | RuntimeException e) {
            // Avro reports garbage as AvroRuntimeException, ArrayIndexOutOfBounds (bad enum/union index),
            // NegativeArraySize or IOException (bad lengths); all mean the bytes are not this schema's.
            throw new WireFormatException(WireFormatException.Reason.UNDECODABLE,
                    "payload of " + framed.payloadLength() + " bytes does not decode with schema id " + framed.schemaId() + ": " + e, e);
        }
        try {
            if (!in.isEnd()) {
                throw new WireFormatException(WireFormatException.Reason.UNDECODABLE,
                        "bytes left over after decoding the record of schema id " + framed.schemaId()
                                + ": the header names a schema the payload was not written with");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("bug: reading an in-memory buffer failed", e);
        }
        return record;
    }

    private static String describeForeignPayload(byte[] message) {
        byte first = message[0];
        if (first == '{' || first == '[') {
            return "looks like JSON";
        }
        if (first == 'O' && message.length > 3 && message[1] == 'b' && message[2] == 'j' && message[3] == 1) {
            return "looks like an Avro object container file";
        }
        return "first bytes " + hex(Arrays.copyOf(message, Math.min(message.length, 8)));
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }

    private static final class EncodeState {
        final GrowableBuffer buffer = new GrowableBuffer();
        BinaryEncoder encoder;
    }

    /** A ByteArrayOutputStream without synchronisation, reused per thread. */
    private static final class GrowableBuffer extends OutputStream {
        private byte[] bytes = new byte[512];
        private int size;

        void reset() {
            size = 0;
        }

        void writeHeader(int schemaId) {
            ensure(HEADER_LENGTH);
            bytes[0] = MAGIC_BYTE;
            bytes[1] = (byte) (schemaId >>> 24);
            bytes[2] = (byte) (schemaId >>> 16);
            bytes[3] = (byte) (schemaId >>> 8);
            bytes[4] = (byte) schemaId;
            size = HEADER_LENGTH;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
