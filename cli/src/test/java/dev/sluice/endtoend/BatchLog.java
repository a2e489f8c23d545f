package dev.sluice.endtoend;

import dev.sluice.checkpoint.OffsetLogEntry;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A query's micro-batches as its checkpoint's offset log records them: for batch N, the watermark it ran with and the
 * end offset (exclusive) of every partition it read up to. Batch N read {@code [end(N-1), end(N))}; the first batch of
 * a new query starts at the earliest offset, which is 0 for the test's fresh topics.
 *
 * <p>This is the one thing about a run that is not deterministic (how many records each trigger took, where the
 * restarts fell), so the expectation takes it as input and checks everything else against it.
 */
final class BatchLog {

    record Batch(long id, long watermarkMs, Map<Integer, Long> endOffsets) {
    }

    private final List<Batch> batches;

    BatchLog(List<Batch> batches) {
        this.batches = List.copyOf(batches);
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).id() != i) {
                throw new IllegalStateException("offset log is not contiguous from batch 0: position " + i + " holds batch "
                        + batches.get(i).id() + " (did Spark purge old entries? raise spark.sql.streaming.minBatchesToRetain)");
            }
        }
    }

    static BatchLog read(Path checkpoint, String topic) {
        Path dir = checkpoint.resolve("offsets");
        List<Batch> batches = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().matches("\\d+")).sorted(
                    (a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))::iterator) {
                long id = Long.parseLong(file.getFileName().toString());
                OffsetLogEntry entry = OffsetLogEntry.parse(id, Files.readString(file));
                Map<Integer, Long> ends = new TreeMap<>();
                for (Map.Entry<TopicPartition, Long> e : entry.kafkaOffsets().entrySet()) {
                    if (!e.getKey().topic().equals(topic)) {
                        throw new IllegalStateException("batch " + id + " of " + checkpoint + " read topic " + e.getKey().topic() + ", expected " + topic);
                    }
                    ends.put(e.getKey().partition(), e.getValue());
                }
                batches.add(new Batch(id, entry.batchWatermarkMs(), ends));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the offset log in " + dir, e);
        }
        return new BatchLog(batches);
    }

    List<Batch> batches() {
        return batches;
    }

    Batch last() {
        return batches.get(batches.size() - 1);
    }

    /** The batch that read this record, or -1 when no batch has read it yet. */
    long batchOf(int partition, long offset) {
        for (Batch batch : batches) {
            Long end = batch.endOffsets().get(partition);
            if (end != null && offset < end) {
                return batch.id();
            }
        }
        return -1;
    }
}
