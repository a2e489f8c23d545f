package dev.sluice.clickhouse.write;

import dev.sluice.clickhouse.InsertBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Makes a one-shot sequence of JSON lines (a Spark partition's {@code to_json} output) re-readable: lines stay in
 * memory up to a limit, then everything moves to a temporary file, so a retry can send the same body again without
 * holding a large batch in the heap. Close it to delete the file.
 */
public final class SpilledBody implements InsertBody, AutoCloseable {

    private static final byte NEWLINE = '\n';

    private final byte[] memory;
    private final Path file;
    private final long rows;
    private final long bytes;

    private SpilledBody(byte[] memory, Path file, long rows, long bytes) {
        this.memory = memory;
        this.file = file;
        this.rows = rows;
        this.bytes = bytes;
    }

    /**
     * @param lines           one JSON object per element, without trailing newline
     * @param memoryLimit     bytes kept in memory before spilling to disk
     * @param spillDirectory  where the temporary file goes (e.g. java.io.tmpdir, or Spark's local dir)
     */
    public static SpilledBody of(Iterator<String> lines, int memoryLimit, Path spillDirectory) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(memoryLimit, 1 << 16));
        OutputStream out = buffer;
        Path file = null;
        long rows = 0;
        long bytes = 0;
        try {
            while (lines.hasNext()) {
                byte[] line = lines.next().getBytes(StandardCharsets.UTF_8);
                if (file == null && buffer.size() + line.length + 1 > memoryLimit) {
                    file = Files.createTempFile(spillDirectory, "sluice-insert-", ".jsonl");
                    out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                    buffer.writeTo(out);
                }
                out.write(line);
                out.write(NEWLINE);
                rows++;
                bytes += line.length + 1;
            }
            if (file != null) {
                out.close();
                return new SpilledBody(null, file, rows, bytes);
            }
            return new SpilledBody(buffer.toByteArray(), null, rows, bytes);
        } catch (IOException e) {
            if (file != null) {
                try {
                    out.close();
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
            throw new UncheckedIOException("cannot spill insert rows to " + spillDirectory + ": " + e.getMessage()
                    + " (check free disk space and permissions) [bad config]", e);
        }
    }

    @Override
    public java.io.InputStream open() throws IOException {
        return file == null ? new java.io.ByteArrayInputStream(memory) : new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    public long rows() {
        return rows;
    }

    public long bytes() {
        return bytes;
    }

    public boolean spilled() {
        return file != null;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete spill file " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
