package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.ConfigError;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoadedConfig;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Load and validate the configuration for an environment; exit non-zero listing every error with file:line:column, path and fix.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--require-secrets",
            description = "Fail when a referenced secret is not available here (for the machine that will run the job). "
                    + "Without it, missing secrets are listed as notes: a laptop rarely holds prod's secrets.")
    boolean requireSecrets;

    @Override
    public Integer call() {
        ConfigLoader loader = ConfigLoader.forRepository(Configs.home());
        LoadedConfig loaded = (requireSecrets ? loader : loader.allowingMissingSecrets()).loadWithSecrets(env.name());
        SluiceConfig config = loaded.config();
        for (ConfigError missing : loaded.missingSecrets()) {
            System.out.println("note: " + missing + " (needed where this environment runs; check there with --require-secrets)");
        }
        int aggregations = config.domains().values().stream().mapToInt(d -> d.aggregations().size()).sum();
        int events = config.domains().values().stream().mapToInt(d -> d.events().size()).sum();
        System.out.printf("configuration for '%s' is valid: %d domains (%s), %d event types, %d aggregations%n",
                config.environment(), config.domains().size(), String.join(", ", config.domains().keySet()), events, aggregations);
        return 0;
    }
}
