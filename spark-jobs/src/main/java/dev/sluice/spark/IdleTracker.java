package dev.sluice.spark;

import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.StreamingQueryStatus;

import java.util.Objects;

/**
 * Decides when a query has processed all available data ({@code --until-idle}): it must be seen idle at N
 * consecutive polls, where idle means no trigger running, no new data found by the last trigger, and (for sources
 * that report it, like Kafka) the last batch's end offsets equal the latest offsets. Polling the query status rather
 * than waiting for progress events, which Spark sends for idle triggers only every noDataProgressEventInterval.
 */
public final class IdleTracker {

    private final int pollsNeeded;
    private int idlePolls;
    private long lastBatchSeen = -1;

    public IdleTracker(int pollsNeeded) {
        this.pollsNeeded = pollsNeeded;
    }

    /** Records one poll; true once the query has been idle for the required number of polls in a row. */
    public boolean poll(StreamingQuery query) {
        StreamingQueryStatus status = query.status();
        StreamingQueryProgress last = query.lastProgress();
        boolean idle = !status.isTriggerActive() && !status.isDataAvailable() && caughtUp(last);
        // A batch that ran since the previous poll means there was work: start counting again.
        long batch = last == null ? -1 : last.batchId();
        if (!idle || batch != lastBatchSeen) {
            idlePolls = idle ? 1 : 0;
            lastBatchSeen = batch;
        } else {
            idlePolls++;
        }
        return idlePolls >= pollsNeeded;
    }

    static boolean caughtUp(StreamingQueryProgress progress) {
        if (progress == null) {
            return false;
        }
        for (SourceProgress source : progress.sources()) {
            // Sources that do not report their latest offset (in-memory test sources) count as caught up.
            if (source.latestOffset() != null && !Objects.equals(source.endOffset(), source.latestOffset())) {
                return false;
            }
        }
        return true;
    }
}
