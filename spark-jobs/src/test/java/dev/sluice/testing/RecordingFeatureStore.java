package dev.sluice.testing;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.online.FeatureStore;
import dev.sluice.online.FeatureUpdate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FeatureStore} for unit tests: records every write call as it was made (no monotonic check: that is Redis's
 * job, tested against a real Redis in RedisFeatureStoreIT), and fails the next calls on request, as an outage would.
 */
public final class RecordingFeatureStore implements FeatureStore {

    public record Call(List<FeatureUpdate> updates, Duration ttl) {
    }

    private final List<Call> calls = new ArrayList<>();
    private int failNext;

    @Override
    public synchronized WriteResult write(List<FeatureUpdate> updates, Duration ttl) {
        if (failNext > 0) {
            failNext--;
            throw new SinkException(FailureKind.RETRIABLE, "online feature write to a test store failed (connection): Redis is down");
        }
        calls.add(new Call(List.copyOf(updates), ttl));
        return new WriteResult(updates.size(), 0);
    }

    /** The next {@code times} writes throw a retriable failure. */
    public synchronized void failNext(int times) {
        failNext = times;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
