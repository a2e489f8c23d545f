package dev.sluice.spark;

import dev.sluice.checkpoint.CheckpointLayout;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how often one aggregation's query runs, from the config: its name, checkpoint directory
 * {@code <checkpoints.location>/<env>/<domain>/<aggregation>} (a relative location is under the repository root),
 * trigger interval and records per trigger.
 */
public record QueryLayout(String name, String checkpoint, Duration trigger, long maxOffsetsPerTrigger) {

    public static QueryLayout of(SluiceConfig config, Path home, CompiledAggregation aggregation) {
        AggregationConfig agg = aggregation.config();
        SparkConfig spark = config.platform().spark();
        // The same place `sluice status` looks (CheckpointLayout is shared by both).
        String checkpoint = CheckpointLayout.queryLocation(config.platform().checkpoints(), home, config.environment(),
                aggregation.domain().name(), agg.name());
        // An aggregation's own trigger and limit are optional (null: the platform's, which the binder always fills).
        Duration trigger = agg.trigger() != null ? agg.trigger() : spark.triggerInterval();
        // spark.maxOffsetsPerTrigger: 0 (or less) is not validated away and has always meant the default.
        long maxOffsets = agg.maxOffsetsPerTrigger() != null ? agg.maxOffsetsPerTrigger()
                : spark.maxOffsetsPerTrigger() > 0 ? spark.maxOffsetsPerTrigger() : ConfigDefaults.of(SparkConfig.class).maxOffsetsPerTrigger();
        return new QueryLayout(aggregation.domain().name() + "." + agg.name(), checkpoint, trigger, maxOffsets);
    }

}
