package dev.sluice.sink;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.OffsetSeq;
import org.apache.spark.sql.execution.streaming.OffsetSeqLog;
import org.apache.spark.sql.execution.streaming.OffsetSeqMetadata;
import scala.Option;

/**
 * The watermark Spark used to drop late rows in a given micro-batch, read from the query's offset log (written
 * before the batch runs, so a re-run of the batch sees the same value: late-event capture is deterministic).
 *
 * <p>With {@code spark.sql.streaming.statefulOperator.allowMultiple=true} (Spark 3.5's default) stateful operators
 * drop rows behind the PREVIOUS batch's watermark; with it off, behind the current batch's.
 */
public final class BatchWatermarks {

    private final OffsetSeqLog offsets;
    private final boolean previousBatch;

    public BatchWatermarks(SparkSession spark, String checkpointLocation) {
        this.offsets = new OffsetSeqLog(spark, checkpointLocation + "/offsets");
        this.previousBatch = Boolean.parseBoolean(spark.conf().get("spark.sql.streaming.statefulOperator.allowMultiple", "true"));
    }

    /** Epoch milliseconds; 0 when no watermark applied yet. */
    public long lateEventWatermarkMs(long batchId) {
        long batch = previousBatch ? batchId - 1 : batchId;
        if (batch < 0) {
            return 0;
        }
        Option<OffsetSeq> entry = offsets.get(batch);
        if (entry.isEmpty()) {
            throw new IllegalStateException("bug: offset log has no entry for batch " + batch + " while batch " + batchId
                    + " runs; cannot tell late events apart (was the checkpoint directory changed under a running query?)");
        }
        Option<OffsetSeqMetadata> metadata = entry.get().metadata();
        return metadata.isEmpty() ? 0 : metadata.get().batchWatermarkMs();
    }
}
