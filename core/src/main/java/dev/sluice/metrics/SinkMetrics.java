package dev.sluice.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * Metrics of the ClickHouse writes, per table. Failure kinds are labels such as {@code retriable}, {@code bad_data},
 * {@code bad_config}, {@code bug}: the writer's failure classification, lower-cased.
 */
public final class SinkMetrics {

    private final PipelineMetrics m;

    SinkMetrics(PipelineMetrics metrics) {
        this.m = metrics;
    }

    /** One insert call into {@code table} succeeded with {@code rows} rows after {@code duration} (retries included). */
    public void inserted(String table, long rows, Duration duration) {
        if (rows > 0) {
            m.clickHouseRows.labels(table).inc(rows);
        }
        m.clickHouseLatency.labels(table).observe(duration.toNanos() / 1e9);
    }

    /** One attempt at inserting into {@code table} failed with a failure of {@code kind} and will be retried. */
    public void retried(String table, String kind) {
        m.clickHouseRetries.labels(table, label(kind)).inc();
    }

    /** An insert call into {@code table} gave up with a failure of {@code kind}. */
    public void failed(String table, String kind) {
        m.clickHouseFailures.labels(table, label(kind)).inc();
    }

    /** {@code BAD_DATA} and {@code "bad data"} both become {@code bad_data}: one spelling per kind in queries. */
    static String label(String kind) {
        if (kind == null || kind.isBlank()) {
            return "unknown";
        }
        return kind.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
