package dev.sluice.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigPrinterTest {

    @Test
    void showsTheEffectiveConfigWithSecretsMasked() {
        LoadedConfig prod = ConfigLoader.forRepository(ShippedConfigTest.REPO, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "pl4nted-s3cret", "SLUICE_SECRET_REDIS_PASSWORD", "pl4nted-redis-pw"))
                .loadWithSecrets("prod");
        String shown = new ConfigPrinter().render(prod, null);
        assertFalse(shown.contains("pl4nted-s3cret"), shown);
        assertFalse(shown.contains("pl4nted-redis-pw"), shown);
        assertTrue(shown.contains("url: rediss://redis.prod.internal:6380"), shown);
        assertTrue(shown.contains("password: \"******\"") || shown.contains("password: '******'") || shown.contains("password: ******"), shown);
        assertTrue(shown.contains("environment: prod"), shown);
        assertTrue(shown.contains("partitions: 24"), shown);
        assertTrue(shown.contains("size: 5m"), shown);
        assertTrue(shown.contains("type: tumbling"), shown);
    }

    @Test
    void aShortSecretIsMaskedByItsPath() {
        LoadedConfig prod = ConfigLoader.forRepository(ShippedConfigTest.REPO, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "pw", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw"))
                .loadWithSecrets("prod");
        String shown = new ConfigPrinter().render(prod, "payments");
        assertFalse(shown.contains("password: pw"), shown);
        assertFalse(shown.contains("ecommerce:"), shown);
        assertTrue(shown.contains("payments:"), shown);
    }
}
