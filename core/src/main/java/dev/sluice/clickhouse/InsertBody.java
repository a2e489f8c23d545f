package dev.sluice.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rows of one insert, re-readable from the start: a retried insert must send the same bytes again, so the writer
 * asks for a fresh stream on every attempt. Use {@link dev.sluice.clickhouse.write.SpilledBody} to turn a one-shot iterator (a Spark partition)
 * into one.
 */
@FunctionalInterface
public interface InsertBody {

    /** Opens the body from its first byte; called once per attempt, the writer closes the stream. */
    InputStream open() throws IOException;

    static InsertBody ofBytes(byte[] bytes) {
        return () -> new ByteArrayInputStream(bytes);
    }

    static InsertBody ofString(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static InsertBody ofFile(Path file) {
        return () -> Files.newInputStream(file);
    }
}
