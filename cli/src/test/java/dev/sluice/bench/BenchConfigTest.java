package dev.sluice.bench;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BenchConfigTest {

    private final SluiceConfig base = ShippedConfig.dev();
    private final SluiceConfig bench = BenchConfig.isolate(base, "ecommerce", "20261123-101500", Path.of("/tmp/sluice-bench-test"));

    @Test
    void topicsAreMovedAsideAndKeepTheEnvironmentsPartitions() {
        DomainConfig original = base.domain("ecommerce");
        DomainConfig isolated = bench.domain("ecommerce");
        original.events().forEach((name, event) -> {
            assertEquals("sluice-bench-20261123-101500." + event.topic(), isolated.event(name).topic());
            assertEquals(event.partitions(), isolated.event(name).partitions());
            assertEquals(event.fields(), isolated.event(name).fields());
        });
        assertSame(original.aggregations(), isolated.aggregations());
    }

    @Test
    void onlyTheBenchmarkedDomainRemains() {
        assertEquals(java.util.Set.of("ecommerce"), bench.domains().keySet());
    }

    @Test
    void tablesCheckpointsAndMetricsGoElsewhereWhileSparkAndKafkaSettingsStay() {
        assertEquals(base.platform().clickhouse().database() + "_bench", bench.platform().clickhouse().database());
        assertEquals(base.platform().clickhouse().url(), bench.platform().clickhouse().url());
        assertEquals("/tmp/sluice-bench-test/checkpoints", bench.platform().checkpoints().location());
        assertFalse(bench.platform().metrics().enabled());
        assertSame(base.platform().spark(), bench.platform().spark());
        assertSame(base.platform().kafka(), bench.platform().kafka());
        assertEquals(base.environment(), bench.environment());
    }

    @Test
    void runIdsCannotSmuggleTopicSyntax() {
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.topicPrefix("a.b"));
        assertThrows(IllegalArgumentException.class, () -> BenchConfig.topicPrefix("x/y"));
    }

    @Test
    void maxOffsetsPerTriggerReplacesOnlyThatSetting() {
        SluiceConfig limited = BenchConfig.withMaxOffsetsPerTrigger(base, 250_000);
        assertEquals(250_000, limited.platform().spark().maxOffsetsPerTrigger());
        assertEquals(60_000, base.platform().spark().maxOffsetsPerTrigger());
        assertEquals(base.platform().spark().triggerInterval(), limited.platform().spark().triggerInterval());
        assertEquals(base.platform().spark().shufflePartitions(), limited.platform().spark().shufflePartitions());
        assertEquals(base.platform().spark().conf(), limited.platform().spark().conf());
        assertSame(base.domains(), limited.domains());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> BenchConfig.withMaxOffsetsPerTrigger(base, 0));
        assertEquals("--max-offsets-per-trigger must be at least 1, got 0", zero.getMessage());
    }
}
