package dev.sluice.decode;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;

/**
 * Avro's own reader for one writer schema, resolved to the reader schema ({@code GenericDatumReader(writer, reader)}:
 * fields the writer lacks take the reader's defaults, fields the reader dropped are skipped). Reuses its decoder and
 * its record between calls, as {@code from_avro} does; not thread-safe, one per task.
 */
final class ResolvedWriter {

    private final GenericDatumReader<Object> reader;
    private BinaryDecoder decoder;
    private Object record;

    ResolvedWriter(Schema writer, Schema reader) {
        this.reader = new GenericDatumReader<>(writer, reader);
    }

    /** The Avro datum of {@code length} bytes from {@code offset}; the returned record is reused by the next call. */
    Object read(byte[] bytes, int offset, int length) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(bytes, offset, length, decoder);
        record = reader.read(record, decoder);
        return record;
    }
}
