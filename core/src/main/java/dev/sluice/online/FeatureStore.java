package dev.sluice.online;

import java.time.Duration;
import java.util.List;

/**
 * Where the streaming job puts online features. Writes are monotonic per key: an update whose (window start, window
 * end, version) is lower than the stored one is skipped, an equal one rewrites the same values, a higher one replaces
 * the hash. Failures are thrown as {@code dev.sluice.clickhouse.SinkException} with their kind, so the job treats a
 * Redis outage exactly like a ClickHouse one.
 */
public interface FeatureStore extends AutoCloseable {

    /** What a write did. */
    record WriteResult(long written, long stale) {
    }

    WriteResult write(List<FeatureUpdate> updates, Duration ttl);

    @Override
    default void close() {
    }
}
