package dev.sluice.config;

import dev.sluice.secrets.SecretMasker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsAndInterpolationTest {

    @TempDir
    Path tempDir;
    ConfigFixture config;

    @BeforeEach
    void copyShippedConfig() {
        config = new ConfigFixture(tempDir);
    }

    @Test
    void environmentVariablesReplaceDefaults() {
        SluiceConfig dev = config.load("dev", Map.of("SLUICE_KAFKA", "broker-a:9092,broker-b:9092"));
        assertEquals("broker-a:9092,broker-b:9092", dev.platform().kafka().bootstrapServers());
    }

    @Test
    void secretFromTheEnvironmentBackend() {
        SluiceConfig prod = config.load("prod", Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "from-env", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw"));
        assertEquals("from-env", prod.platform().clickhouse().password());
    }

    @Test
    void secretFromADotenvFile() {
        config.write(".env", "# local secrets\nexport CLICKHOUSE_PASSWORD=\"from dotenv\"\n");
        SluiceConfig dev = config.load("dev", Map.of());
        assertEquals("from dotenv", dev.platform().clickhouse().password());
    }

    @Test
    void secretFromAMountedDirectoryWinsWhenListedFirst() {
        config.write("var/secrets/clickhouse_password", "from-file\n");
        config.replace("environments/dev.yaml", "      - type: env\n        prefix: SLUICE_SECRET_\n      - type: dotenv\n        path: .env\n      - type: directory\n        path: var/secrets\n",
                "      - type: directory\n        path: var/secrets\n      - type: env\n        prefix: SLUICE_SECRET_\n");
        SluiceConfig dev = config.load("dev", Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "from-env", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw"));
        assertEquals("from-file", dev.platform().clickhouse().password());
    }

    @Test
    void theFirstBackendThatKnowsASecretWins() {
        config.write("var/secrets/clickhouse_password", "from-file");
        SluiceConfig dev = config.load("dev", Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "from-env", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw"));
        assertEquals("from-env", dev.platform().clickhouse().password());
    }

    @Test
    void dollarDollarIsALiteral() {
        config.replace("config/platform.yaml", "    client.dns.lookup: use_all_dns_ips\n", "    client.dns.lookup: use_all_dns_ips\n    sasl.note: \"$${not:interpolated}\"\n");
        SluiceConfig dev = config.load("dev", Map.of());
        assertEquals("${not:interpolated}", dev.platform().kafka().clientProperties().get("sasl.note"));
    }

    @Test
    void secretsAreMaskedInErrorMessages() {
        // A secret used where a number is expected must not be echoed back in the error.
        config.replace("config/platform.yaml", "  port: ${env:SLUICE_METRICS_PORT:-9464}", "  port: ${secret:metrics_port}");
        ConfigException e = assertThrows(ConfigException.class, () -> config.load("dev", Map.of("SLUICE_SECRET_METRICS_PORT", "hunter2-secret")));
        assertFalse(e.getMessage().contains("hunter2-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("metrics.port: expected a whole number, got '" + SecretMasker.MASK + "'"), e.getMessage());
    }

    @Test
    void loadedConfigRemembersWhichPathsHoldSecrets() {
        LoadedConfig loaded = ConfigLoader.forRepository(config.root, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "pw-123456", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw"))
                .loadWithSecrets("prod");
        assertTrue(loaded.secretPaths().contains("/platform/clickhouse/password"), loaded.secretPaths().toString());
        assertEquals("password=" + SecretMasker.MASK, loaded.masker().mask("password=pw-123456"));
    }
}
