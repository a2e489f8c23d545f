package dev.sluice.cli.status;

import dev.sluice.checkpoint.CommitLogEntry;
import dev.sluice.checkpoint.KafkaInitialOffsets;
import dev.sluice.checkpoint.OffsetLogEntry;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a query's checkpoint directory through Hadoop's FileSystem, as Spark does, so local paths, HDFS and S3 all
 * work. Reads only: status must never disturb a running query's checkpoint.
 */
public final class CheckpointReader {

    private final Configuration hadoop;

    public CheckpointReader(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    public CheckpointReader() {
        this(new Configuration());
    }

    /**
     * @throws UncheckedIOException when the storage cannot be read (permissions, an unreachable HDFS or bucket);
     *                              the message names the location
     */
    public CheckpointState read(String location) {
        try {
            Path root = new Path(location);
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) {
                return CheckpointState.missing(location);
            }
            OptionalLong committed = latestBatch(fs, new Path(root, "commits"));
            OptionalLong planned = latestBatch(fs, new Path(root, "offsets"));
            Map<TopicPartition, Long> initial = initialOffsets(fs, new Path(root, "sources/0/0"));
            Optional<Instant> lastWrite = newest(fs, root, committed, planned);
            if (committed.isEmpty()) {
                return new CheckpointState(location, true, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), initial,
                        planned.isPresent() ? Optional.of(planned.getAsLong()) : Optional.empty(), lastWrite);
            }
            long batch = committed.getAsLong();
            Path commitFile = new Path(root, "commits/" + batch);
            CommitLogEntry commit = CommitLogEntry.parse(batch, text(fs, commitFile));
            Instant committedAt = Instant.ofEpochMilli(fs.getFileStatus(commitFile).getModificationTime());
            Path offsetsFile = new Path(root, "offsets/" + batch);
            Map<TopicPartition, Long> processed = fs.exists(offsetsFile)
                    ? OffsetLogEntry.parse(batch, text(fs, offsetsFile)).kafkaOffsets() : Map.of();
            Optional<Long> inFlight = planned.isPresent() && planned.getAsLong() > batch ? Optional.of(planned.getAsLong()) : Optional.empty();
            return new CheckpointState(location, true, Optional.of(batch), Optional.of(committedAt), commit.watermark(), processed,
                    initial, inFlight, lastWrite);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint at " + location + ": " + e.getMessage()
                    + " (check the path, permissions and storage credentials) [bad config or retriable]", e);
        }
    }

    /** The highest batch id among a log directory's files; Hadoop's hidden .crc files and temp files are skipped. */
    private static OptionalLong latestBatch(FileSystem fs, Path dir) throws IOException {
        FileStatus[] files;
        try {
            files = fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return OptionalLong.empty();
        }
        long max = -1;
        for (FileStatus file : files) {
            String name = file.getPath().getName();
            if (file.isFile() && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                max = Math.max(max, Long.parseLong(name));
            }
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    private static Map<TopicPartition, Long> initialOffsets(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            return Map.of();
        }
        try (InputStream in = fs.open(file)) {
            return KafkaInitialOffsets.parse(in.readAllBytes());
        } catch (IllegalArgumentException e) {
            // Not a Kafka source (a test's memory source): where it started is unknown, which status says.
            return Map.of();
        }
    }

    private static Optional<Instant> newest(FileSystem fs, Path root, OptionalLong committed, OptionalLong planned) throws IOException {
        long newest = -1;
        if (committed.isPresent()) {
            newest = Math.max(newest, fs.getFileStatus(new Path(root, "commits/" + committed.getAsLong())).getModificationTime());
        }
        if (planned.isPresent()) {
            newest = Math.max(newest, fs.getFileStatus(new Path(root, "offsets/" + planned.getAsLong())).getModificationTime());
        }
        return newest < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(newest));
    }

    private static String text(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
