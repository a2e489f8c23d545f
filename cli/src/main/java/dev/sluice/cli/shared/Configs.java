package dev.sluice.cli.shared;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoadedConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SluiceHome;

import java.nio.file.Path;

/** Loads the repository's configuration for a command. A {@link dev.sluice.config.ConfigException} reaches {@link dev.sluice.cli.SluiceCli}, which prints every error. */
public final class Configs {

    private Configs() {
    }

    public static Path home() {
        return SluiceHome.resolve();
    }

    public static SluiceConfig load(EnvironmentOption env) {
        return ConfigLoader.forRepository(home()).load(env.name());
    }

    public static LoadedConfig loadWithSecrets(EnvironmentOption env) {
        return ConfigLoader.forRepository(home()).loadWithSecrets(env.name());
    }
}
