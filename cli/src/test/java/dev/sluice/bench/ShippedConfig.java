package dev.sluice.bench;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;

import java.nio.file.Path;
import java.util.Map;

/** The repository's own configuration (tests run with the module as working directory). */
final class ShippedConfig {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private ShippedConfig() {
    }

    static SluiceConfig dev() {
        return ConfigLoader.forRepository(REPO, Map.of()).load("dev");
    }
}
