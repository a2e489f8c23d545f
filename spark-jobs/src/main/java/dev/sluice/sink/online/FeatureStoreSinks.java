package dev.sluice.sink.online;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.RedisConfig;
import dev.sluice.metrics.OnlineMetrics;
import dev.sluice.online.FeatureStore;
import dev.sluice.online.RedisFeatureStore;

/** One {@link FeatureStore} (thread-safe) shared by every online aggregation of a job; closed with the job. */
public final class FeatureStoreSinks implements OnlineSinks, AutoCloseable {

    private final FeatureStore store;
    private final String keyPrefix;
    private final OnlineMetrics metrics;

    public FeatureStoreSinks(FeatureStore store, String keyPrefix, OnlineMetrics metrics) {
        this.store = store;
        this.keyPrefix = keyPrefix;
        this.metrics = metrics;
    }

    /** The job's Redis ({@code platform.redis}); connects lazily, on the first write. */
    public static FeatureStoreSinks open(RedisConfig config, OnlineMetrics metrics) {
        return new FeatureStoreSinks(RedisFeatureStore.open(config, metrics::failed), config.keyPrefix(), metrics);
    }

    @Override
    public OnlineSink forAggregation(CompiledAggregation aggregation) {
        // online: has a required ttl, so it is null for an aggregation that declares none: no Redis for it.
        return aggregation.config().online() == null ? OnlineSink.NONE : new FeatureStoreSink(aggregation, keyPrefix, store, metrics);
    }

    @Override
    public void close() {
        store.close();
    }
}
