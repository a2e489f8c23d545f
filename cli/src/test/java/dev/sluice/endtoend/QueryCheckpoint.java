package dev.sluice.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a query's checkpoint directory says about batches in flight: planned (offsets/N) but not finished (commits/N). */
record QueryCheckpoint(Path directory) {

    long lastPlanned() {
        return highest(directory.resolve("offsets"));
    }

    long lastCommitted() {
        return highest(directory.resolve("commits"));
    }

    boolean batchInFlight() {
        return lastPlanned() > lastCommitted();
    }

    private static long highest(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+")).mapToLong(Long::parseLong).max().orElse(-1);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
