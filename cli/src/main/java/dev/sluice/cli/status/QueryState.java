package dev.sluice.cli.status;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a query runs, and how status knows.
 *
 * @param running whether it runs
 * @param label   one word for the table: running, stopped, never-run
 * @param reason  how status decided, for the line under the table
 */
public record QueryState(boolean running, String label, String reason) {

    /**
     * Running when the job's metrics endpoint reports the query, or when its checkpoint was written within
     * {@code recent} (a job without the endpoint, or on another host); stopped when the checkpoint is older; never-run
     * without a checkpoint.
     */
    public static QueryState decide(String query, EndpointState endpoint, CheckpointState checkpoint, Instant now, Duration recent) {
        return decide(query, endpoint, checkpoint, now, recent, false);
    }

    /**
     * As above; with {@code localDriver} (a local master serving metrics on this machine) a silent endpoint is
     * decisive: the job is not running, however recently its checkpoint was written.
     */
    public static QueryState decide(String query, EndpointState endpoint, CheckpointState checkpoint, Instant now, Duration recent,
                                    boolean localDriver) {
        Instant progress = endpoint.progressByQuery().get(query);
        if (endpoint.answered() && progress != null) {
            return new QueryState(true, "running", "the job's metrics endpoint reports it (last progress " + Ages.ago(progress, now) + ")");
        }
        if (!checkpoint.exists()) {
            return new QueryState(false, "never-run", "no checkpoint at " + checkpoint.location());
        }
        if (localDriver && !endpoint.answered()) {
            return new QueryState(false, "stopped", "the job's metrics endpoint on this machine does not answer"
                    + checkpoint.lastWrite().map(w -> "; last checkpoint write " + Ages.ago(w, now)).orElse(""));
        }
        if (checkpoint.lastWrite().isPresent() && Duration.between(checkpoint.lastWrite().get(), now).compareTo(recent) <= 0) {
            return new QueryState(true, "running", "its checkpoint was written " + Ages.ago(checkpoint.lastWrite().get(), now)
                    + (endpoint.answered() ? " (the metrics endpoint answers but has no progress of it yet)" : " (no metrics endpoint answered)"));
        }
        return new QueryState(false, "stopped", checkpoint.lastWrite()
                .map(w -> "last checkpoint write " + Ages.ago(w, now) + ", longer ago than " + Ages.duration(recent)
                        + (endpoint.answered() ? "; the job's metrics endpoint answers but does not report it" : ""))
                .orElse("its checkpoint holds no batch yet"));
    }
}
