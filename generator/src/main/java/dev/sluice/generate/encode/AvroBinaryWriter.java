package dev.sluice.generate.encode;

import dev.sluice.schema.ConfluentWireFormat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Avro's binary encoding written straight into one reusable array: zig-zag varints, little-endian doubles,
 * length-prefixed UTF-8. The generator's hot path uses it instead of a GenericDatumWriter over GenericRecords, which
 * would allocate a record per event and walk the schema for every field; tests check the bytes are identical to
 * {@link ConfluentWireFormat#encode}'s.
 */
final class AvroBinaryWriter {

    private byte[] buffer = new byte[1024];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Truncates back to {@code size} bytes (to retry a record with another schema). */
    void truncate(int newSize) {
        size = newSize;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void writeHeader(int schemaId) {
        ensure(ConfluentWireFormat.HEADER_LENGTH);
        buffer[size++] = ConfluentWireFormat.MAGIC_BYTE;
        buffer[size++] = (byte) (schemaId >>> 24);
        buffer[size++] = (byte) (schemaId >>> 16);
        buffer[size++] = (byte) (schemaId >>> 8);
        buffer[size++] = (byte) schemaId;
    }

    void writeInt(int value) {
        writeLong(value);
    }

    void writeLong(long value) {
        ensure(10);
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buffer[size++] = (byte) n;
    }

    void writeDouble(double value) {
        ensure(8);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeFloat(float value) {
        ensure(4);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            buffer[size++] = (byte) (bits >>> (8 * i));
        }
    }

    void writeBoolean(boolean value) {
        ensure(1);
        buffer[size++] = (byte) (value ? 1 : 0);
    }

    void writeString(String value) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                writeBytes(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        // ASCII (every id, symbol and code the generator makes): one byte per char, no encoder needed.
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
    }

    void writeBytes(byte[] bytes) {
        writeLong(bytes.length);
        writeRaw(bytes);
    }

    void writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    /** UTF-8 of a key, with the same ASCII shortcut. */
    static byte[] utf8(String text) {
        int length = text.length();
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) c;
        }
        return out;
    }
}
