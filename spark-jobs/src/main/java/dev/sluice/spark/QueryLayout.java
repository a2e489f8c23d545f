package dev.sluice.spark;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;

import java.net.URI;
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
        String root = config.platform().checkpoints() == null || config.platform().checkpoints().location() == null
                ? "var/checkpoints" : config.platform().checkpoints().location();
        String checkpoint = strip(absolute(root, home)) + "/" + config.environment() + "/" + aggregation.domain().name() + "/" + agg.name();
        Duration trigger = agg.trigger() != null ? agg.trigger()
                : spark != null && spark.triggerInterval() != null ? spark.triggerInterval() : Duration.ofSeconds(10);
        long maxOffsets = agg.maxOffsetsPerTrigger() != null ? agg.maxOffsetsPerTrigger()
                : spark != null && spark.maxOffsetsPerTrigger() > 0 ? spark.maxOffsetsPerTrigger() : 500_000;
        return new QueryLayout(aggregation.domain().name() + "." + agg.name(), checkpoint, trigger, maxOffsets);
    }

    /** Hadoop URIs (hdfs://, s3a://, file:/) are kept; plain relative paths are resolved against the repository root. */
    private static String absolute(String location, Path home) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !location.matches("^[a-zA-Z]:\\\\.*")) {
            return URI.create(location).toString();
        }
        Path path = Path.of(location);
        return (path.isAbsolute() ? path : home.resolve(path)).normalize().toString();
    }

    private static String strip(String location) {
        return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    }
}
