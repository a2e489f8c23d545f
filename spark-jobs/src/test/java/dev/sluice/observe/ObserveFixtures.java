package dev.sluice.observe;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.GeneratorConfig;
import dev.sluice.config.MetricsConfig;
import dev.sluice.config.PlatformConfig;
import dev.sluice.config.SecretsConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.config.WindowConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal config: one domain with one aggregation on the platform trigger and one with its own. */
final class ObserveFixtures {

    private ObserveFixtures() {
    }

    static SluiceConfig config(Duration platformTrigger, Duration ownTrigger) {
        Map<String, AggregationConfig> aggregations = new LinkedHashMap<>();
        aggregations.put("with_default", aggregation("with_default", null));
        aggregations.put("with_own", aggregation("with_own", ownTrigger));
        DomainConfig payments = new DomainConfig("payments", null, Map.of(), Map.of(), Map.of(), aggregations, ConfigDefaults.of(GeneratorConfig.class));
        SparkConfig spark = new SparkConfig("local[2]", 2, platformTrigger, SparkConfig.StateStore.HDFS, 1000, Map.of());
        // Sections left out as a platform.yaml would leave them: the optional ones at their defaults.
        PlatformConfig platform = new PlatformConfig(null, null, null, spark, ConfigDefaults.of(CheckpointConfig.class),
                ConfigDefaults.of(SecretsConfig.class), ConfigDefaults.of(MetricsConfig.class), null);
        return new SluiceConfig("dev", platform, Map.of("payments", payments));
    }

    private static AggregationConfig aggregation(String name, Duration trigger) {
        return new AggregationConfig(name, null, "transaction",
                new WindowConfig(WindowConfig.WindowType.TUMBLING, Duration.ofMinutes(1), null, null), Duration.ofSeconds(30),
                List.of(), List.of(), Map.of(), AggregationConfig.OutputMode.UPDATE, null, trigger, false,
                AggregationConfig.StartingOffsets.LATEST, null, null);
    }
}
