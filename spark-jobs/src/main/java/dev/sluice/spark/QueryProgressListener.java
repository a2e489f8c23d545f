package dev.sluice.spark;

import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/** Logs one line per micro-batch per query: rows, rows/s, watermark, batch duration. */
public final class QueryProgressListener extends StreamingQueryListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.spark.progress");

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        LOG.info("query={} started (id={}, run={})", event.name(), event.id(), event.runId());
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress p = event.progress();
        Long duration = p.durationMs().get("triggerExecution");
        String watermark = p.eventTime().get("watermark");
        LOG.info("query={} batch={} rows={} rows/s={} watermark={} duration={}ms", p.name(), p.batchId(), p.numInputRows(),
                String.format(java.util.Locale.ROOT, "%.1f", p.processedRowsPerSecond()), watermark == null ? "-" : watermark,
                duration == null ? "-" : duration);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        if (event.exception().isDefined()) {
            LOG.warn("query id={} failed: {}", event.id(), event.exception().get());
        }
    }
}
