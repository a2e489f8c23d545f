package dev.sluice.spark;

import dev.sluice.checkpoint.AggregationDefinition;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps a query from resuming a checkpoint that was started with another definition of its aggregation. Spark checks
 * only that the state's schema still fits; a new filter, window size or measure condition fits the same schema and
 * would silently mix old and new results in the state and in the table. So the job records the
 * {@link AggregationDefinition} next to the checkpoint ({@value AggregationDefinition#FILE_NAME}) when it first uses
 * it and refuses to start when the config no longer matches. Goes through Hadoop's FileSystem, like Spark's own
 * checkpoint files, so HDFS and object-store checkpoint locations work the same as local ones.
 */
public final class CheckpointGuard {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointGuard.class);

    private CheckpointGuard() {
    }

    /**
     * @throws AggregationChangedException when the checkpoint was started with another definition (bad config)
     */
    public static void verifyOrRecord(SparkSession spark, AggregationQuery query) {
        AggregationDefinition current = AggregationDefinition.of(query.aggregation().domain(), query.aggregation().config(),
                query.tables().aggregates());
        Path file = new Path(query.checkpointLocation(), AggregationDefinition.FILE_NAME);
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(file)) {
                AggregationDefinition recorded = read(fs, file);
                if (!recorded.lines().equals(current.lines())) {
                    throw new AggregationChangedException(query, file.toString(), current.changesSince(recorded));
                }
                return;
            }
            if (fs.exists(new Path(query.checkpointLocation(), "offsets"))) {
                LOG.warn("query {}: checkpoint {} has no recorded aggregation definition (started by an older Sluice); recording the"
                        + " current one, which later starts are checked against", query.name(), query.checkpointLocation());
            }
            write(fs, file, current);
            LOG.info("query {}: recorded aggregation definition {} in {}", query.name(), current.fingerprint(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + " (the checkpoint location must be readable and writable"
                    + " by the job) [bad config]: " + e.getMessage(), e);
        }
    }

    private static AggregationDefinition read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return AggregationDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Written to a temporary name and renamed, so a crash never leaves half a definition behind. */
    private static void write(FileSystem fs, Path file, AggregationDefinition definition) throws IOException {
        Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(temporary, true)) {
            out.write(definition.toFileText().getBytes(StandardCharsets.UTF_8));
        }
        if (!fs.rename(temporary, file)) {
            throw new IOException("renaming " + temporary + " to " + file + " failed");
        }
    }

    /** The aggregation's definition differs from the one its checkpoint was started with. Not retriable. */
    public static final class AggregationChangedException extends IllegalStateException {
        AggregationChangedException(AggregationQuery query, String file, List<String> changes) {
            super(String.join("\n",
                    "bad config: aggregation " + query.name() + " is not the one its checkpoint was started with; refusing to resume it.",
                    "  checkpoint: " + query.checkpointLocation() + " (definition recorded in " + file + ")",
                    "  table:      " + query.tables().aggregates(),
                    "  changed (- recorded, + now):",
                    "    " + String.join("\n    ", changes),
                    "The checkpoint's state and the rows already in the table were computed with the recorded definition; resuming would"
                            + " mix old and new results without a trace. Choose one:",
                    "  - keep both: give the changed aggregation a new name (a new checkpoint and table), run `bin/sluice ddl apply`,"
                            + " and drop the old table when it is no longer needed;",
                    "  - recompute: stop the job, delete the checkpoint directory above, empty the table (TRUNCATE TABLE "
                            + query.tables().aggregates() + ") and start again; the query re-reads what Kafka retains"
                            + " (`bin/sluice replay` recomputes older ranges);",
                    "  - or undo the config change."));
        }
    }
}
