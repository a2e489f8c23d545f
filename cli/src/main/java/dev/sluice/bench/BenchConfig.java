package dev.sluice.bench;

import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.MetricsConfig;
import dev.sluice.config.PlatformConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a benchmark runs under: the environment's own settings (Spark, Kafka client properties, retry
 * policies, partition counts) with everything the benchmark WRITES moved aside, so that it measures the same job on
 * the same services without touching the environment's data, and every run starts from empty topics and tables:
 * <ul>
 *   <li>topics get the prefix {@code sluice-bench-<run>.} (and so do schema subjects, which follow the topic);</li>
 *   <li>tables go to the database {@code <database>_bench};</li>
 *   <li>checkpoints go under the run's work directory;</li>
 *   <li>the metrics endpoint is off (the job's metrics are still collected; nothing needs to scrape them).</li>
 * </ul>
 */
public final class BenchConfig {

    static final String TOPIC_PREFIX = "sluice-bench-";
    static final String DATABASE_SUFFIX = "_bench";

    private BenchConfig() {
    }

    /** The topic prefix of one run; run ids are letters, digits and dashes. */
    public static String topicPrefix(String runId) {
        if (!runId.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("benchmark run id '" + runId + "' may only hold letters, digits and dashes [bug]");
        }
        return TOPIC_PREFIX + runId + ".";
    }

    /** A config holding only {@code domainName}, isolated as described above. */
    public static SluiceConfig isolate(SluiceConfig base, String domainName, String runId, Path workDirectory) {
        DomainConfig domain = base.domain(domainName);
        String prefix = topicPrefix(runId);
        Map<String, EventTypeConfig> events = new LinkedHashMap<>();
        domain.events().forEach((name, e) -> events.put(name, new EventTypeConfig(e.name(), e.doc(), prefix + e.topic(), e.key(), e.partitions(),
                e.replicationFactor(), e.retention(), e.cleanupPolicy(), e.compatibility(), e.fields())));
        DomainConfig benchDomain = new DomainConfig(domain.name(), domain.description(), domain.entities(), events, domain.dimensions(),
                domain.aggregations(), domain.generator(), domain.reports());

        PlatformConfig platform = base.platform();
        ClickHouseConfig ch = platform.clickhouse();
        String database = ch.database() + DATABASE_SUFFIX;
        ClickHouseConfig benchClickHouse = new ClickHouseConfig(ch.url(), database, ch.username(), ch.password(), ch.cluster(), ch.insertRetry());
        CheckpointConfig checkpoints = new CheckpointConfig(workDirectory.resolve("checkpoints").toAbsolutePath().toString());
        MetricsConfig metrics = new MetricsConfig(false, platform.metrics().port());
        PlatformConfig benchPlatform = new PlatformConfig(platform.kafka(), platform.registry(), benchClickHouse, platform.spark(), checkpoints,
                platform.secrets(), metrics, platform.redis());
        return new SluiceConfig(base.environment(), benchPlatform, Map.of(domain.name(), benchDomain));
    }

    /**
     * {@code base} with every query reading at most {@code maxOffsetsPerTrigger} records per micro-batch. Catch-up
     * throughput is governed by this limit (each batch pays a fixed cost: planning, tasks, state store commit, ledger
     * round trips), so the benchmark states the value it ran with instead of inheriting a demo-sized one.
     */
    public static SluiceConfig withMaxOffsetsPerTrigger(SluiceConfig base, long maxOffsetsPerTrigger) {
        if (maxOffsetsPerTrigger < 1) {
            throw new IllegalArgumentException("--max-offsets-per-trigger must be at least 1, got " + maxOffsetsPerTrigger);
        }
        PlatformConfig p = base.platform();
        // Never null for a loaded config: the binder fills an omitted spark section with its defaults.
        SparkConfig s = p.spark();
        SparkConfig spark = new SparkConfig(s.master(), s.shufflePartitions(), s.triggerInterval(), s.stateStore(), maxOffsetsPerTrigger, s.conf());
        return new SluiceConfig(base.environment(), new PlatformConfig(p.kafka(), p.registry(), p.clickhouse(), spark, p.checkpoints(), p.secrets(),
                p.metrics(), p.redis()), base.domains());
    }
}
