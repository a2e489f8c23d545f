package dev.sluice.decode;

import java.util.Set;

/**
 * A micro-batch holds records written with schema ids that were registered after the query's plan was built. Thrown
 * from the batch writer BEFORE anything of the batch is written, so the batch is neither committed nor half-written;
 * {@link dev.sluice.spark.StreamingJob} catches it, reloads the writer schemas and restarts the query from its checkpoint, which
 * re-runs the same batch (same offsets, same watermark) with a plan that decodes the new ids. Not an error: expected
 * whenever a producer rolls out a compatible schema version while the job runs.
 */
public final class WriterSchemasChangedException extends RuntimeException {

    private final Set<Long> newIds;

    public WriterSchemasChangedException(String query, Set<Long> newIds) {
        super("query " + query + ": records use schema ids " + newIds + " registered after the query started; restarting it with the new"
                + " writer schemas (retriable, handled by the job)");
        this.newIds = newIds;
    }

    public Set<Long> newIds() {
        return newIds;
    }
}
