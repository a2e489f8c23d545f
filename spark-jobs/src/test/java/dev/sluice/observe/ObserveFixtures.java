package dev.sluice.observe;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.PlatformConfig;
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
        DomainConfig payments = new DomainConfig("payments", null, Map.of(), Map.of(), Map.of(), aggregations, null);
        SparkConfig spark = new SparkConfig("local[2]", 2, platformTrigger, SparkConfig.StateStore.HDFS, 1000, Map.of());
        PlatformConfig platform = new PlatformConfig(null, null, null, spark, null, null, null, null);
        return new SluiceConfig("dev", platform, Map.of("payments", payments));
    }

    private static AggregationConfig aggregation(String name, Duration trigger) {
        return new AggregationConfig(name, null, "transaction",
                new WindowConfig(WindowConfig.WindowType.TUMBLING, Duration.ofMinutes(1), null, null), Duration.ofSeconds(30),
                List.of(), List.of(), Map.of(), AggregationConfig.OutputMode.UPDATE, null, trigger, false,
                AggregationConfig.StartingOffsets.LATEST, null, null);
    }
}
