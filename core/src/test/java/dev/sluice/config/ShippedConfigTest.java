package dev.sluice.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration the repository ships loads cleanly in every environment. */
class ShippedConfigTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void loadsInEveryEnvironment(String env) {
        SluiceConfig config = ConfigLoader.forRepository(REPO, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "s3cret-pw", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw")).load(env);
        assertEquals(env, config.environment());
        assertTrue(config.domains().keySet().containsAll(java.util.List.of("ecommerce", "payments")));
    }

    @Test
    void prodOverlayReplacesPartitionsAndKeepsTheRest() {
        SluiceConfig prod = ConfigLoader.forRepository(REPO, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "s3cret-pw", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw")).load("prod");
        EventTypeConfig transaction = prod.domain("payments").event("transaction");
        assertEquals(24, transaction.partitions());
        assertEquals(3, transaction.replicationFactor());
        assertEquals(Duration.ofDays(14), transaction.retention());
        assertEquals("card_id", transaction.key());
        assertEquals("analytics", prod.platform().clickhouse().cluster());
        assertEquals("s3cret-pw", prod.platform().clickhouse().password());
        assertEquals(SparkConfig.StateStore.ROCKSDB, prod.platform().spark().stateStore());
    }

    @Test
    void devUsesTheLocalStackDefaults() {
        SluiceConfig dev = ConfigLoader.forRepository(REPO, Map.of()).load("dev");
        assertEquals("127.0.0.1:19092", dev.platform().kafka().bootstrapServers());
        assertEquals("", dev.platform().clickhouse().password());
        assertEquals(Duration.ofSeconds(5), dev.platform().spark().triggerInterval());
        AggregationConfig fraud = dev.domain("payments").aggregations().get("merchant_fraud_5m");
        assertEquals(Duration.ofMinutes(5), fraud.window().size());
        assertEquals("merchant_fraud_5m", fraud.name());
        assertEquals(8, fraud.measures().size());
    }
}
