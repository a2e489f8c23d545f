package dev.sluice.metrics;

import java.time.Duration;

/** Metrics of the online feature writes to Redis, per aggregation; errors by kind (RedisFailures' reasons). */
public final class OnlineMetrics {

    private final PipelineMetrics m;

    OnlineMetrics(PipelineMetrics metrics) {
        this.m = metrics;
    }

    /** One batch's online write: {@code written} entities updated, {@code stale} skipped as older than Redis's, in {@code duration}. */
    public void wrote(String domain, String aggregation, long written, long stale, Duration duration) {
        if (written > 0) {
            m.onlineWrites.labels(domain, aggregation).inc(written);
        }
        if (stale > 0) {
            m.onlineStale.labels(domain, aggregation).inc(stale);
        }
        m.onlineLatency.labels(domain, aggregation).observe(duration.toNanos() / 1e9);
    }

    /** One attempt failed with {@code kind} (connection, timeout, auth, noscript, loading, ...), retried or not. */
    public void failed(String kind) {
        m.onlineErrors.labels(SinkMetrics.label(kind)).inc();
    }
}
