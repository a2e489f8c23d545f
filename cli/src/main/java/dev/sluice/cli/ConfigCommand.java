package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.ConfigPrinter;
import dev.sluice.config.LoadedConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Inspect the effective configuration, or print the reference of every key.",
        subcommands = {ConfigCommand.Show.class, ConfigReferenceCommand.class})
public final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective merged configuration (overlay applied, references resolved, defaults filled) with every secret masked.")
    static final class Show implements Callable<Integer> {

        @Mixin
        EnvironmentOption env;

        @Option(names = "--domain", paramLabel = "DOMAIN", description = "Show only this domain (and the platform settings).")
        String domain;

        @Override
        public Integer call() {
            LoadedConfig loaded = Configs.loadWithSecrets(env);
            if (domain != null) {
                loaded.config().domain(domain);
            }
            System.out.print(new ConfigPrinter().render(loaded, domain));
            return 0;
        }
    }
}
