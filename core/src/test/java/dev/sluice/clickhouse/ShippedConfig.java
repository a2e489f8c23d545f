package dev.sluice.clickhouse;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;

import java.nio.file.Path;
import java.util.Map;

/** The repository's own configuration, loaded with the real loader (tests run with the module as working directory). */
public final class ShippedConfig {

    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private ShippedConfig() {
    }

    public static SluiceConfig load(String environment) {
        return ConfigLoader.forRepository(REPO, Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "test-secret-pw", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw")).load(environment);
    }

    public static DomainConfig domain(String name) {
        return load("dev").domain(name);
    }
}
