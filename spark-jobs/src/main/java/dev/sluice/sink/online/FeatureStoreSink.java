package dev.sluice.sink.online;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.compile.OutputColumn;
import dev.sluice.config.OnlineConfig;
import dev.sluice.metrics.OnlineMetrics;
import dev.sluice.online.FeatureStore;
import dev.sluice.online.FeatureUpdate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The online sink of one aggregation: the batch's newest window per entity ({@link NewestWindows}), as hashes
 * ({@link FeatureUpdates}), into the {@link FeatureStore}. Runs on the driver inside foreachBatch, like the
 * ClickHouse insert; rows arrive one partition at a time.
 */
public final class FeatureStoreSink implements OnlineSink {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureStoreSink.class);

    private final CompiledAggregation aggregation;
    private final FeatureStore store;
    private final OnlineMetrics metrics;
    private final String entityColumn;
    private final List<String> measures;
    private final FeatureUpdates updates;
    private final Duration ttl;

    public FeatureStoreSink(CompiledAggregation aggregation, String keyPrefix, FeatureStore store, OnlineMetrics metrics) {
        OnlineConfig online = aggregation.config().online();
        if (online == null || aggregation.config().groupBy().size() != 1) {
            throw new IllegalArgumentException("bug: aggregation " + aggregation.name() + " has no valid online: section");
        }
        this.aggregation = aggregation;
        this.store = store;
        this.metrics = metrics;
        this.entityColumn = aggregation.config().groupBy().get(0);
        this.measures = aggregation.output().stream().filter(c -> c.kind() == OutputColumn.Kind.MEASURE).map(OutputColumn::name).toList();
        this.updates = new FeatureUpdates(keyPrefix, aggregation.domain().name(), aggregation.name(), measures, online.flags());
        this.ttl = online.ttl();
    }

    @Override
    public void write(Dataset<Row> aggregates, long version) {
        long started = System.nanoTime();
        List<FeatureUpdate> batch = new ArrayList<>();
        Iterator<Row> rows = NewestWindows.of(aggregates, entityColumn, measures).toLocalIterator();
        while (rows.hasNext()) {
            batch.add(updates.of(rows.next(), version));
        }
        FeatureStore.WriteResult result = store.write(batch, ttl);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.wrote(aggregation.domain().name(), aggregation.name(), result.written(), result.stale(), took);
        LOG.info("online {}.{}: {} entities written, {} stale skipped, version {}, in {} ms", aggregation.domain().name(), aggregation.name(),
                result.written(), result.stale(), version, took.toMillis());
    }
}
