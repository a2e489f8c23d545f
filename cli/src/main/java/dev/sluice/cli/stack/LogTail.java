package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Prints the end of a log file, so a failure shows its cause without the user hunting for the file. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static void print(PrintWriter out, Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            out.println("    (no log file at " + file + ")");
            return;
        }
        out.println("    ---- last " + lines + " lines of " + file + " ----");
        for (String line : lastLines(file, lines)) {
            out.println("    | " + line);
        }
        out.println("    ----");
    }

    static List<String> lastLines(Path file, int count) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return all.subList(Math.max(0, all.size() - count), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }
}
