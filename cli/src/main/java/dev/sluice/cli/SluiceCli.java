package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point behind {@code bin/sluice}. Each subcommand is its own class. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Config-driven real-time analytics: YAML -> Avro -> Kafka -> Spark -> ClickHouse.",
        subcommands = {
                CommandLine.HelpCommand.class,
                dev.sluice.cli.stack.StackCommand.class,
        })
public final class SluiceCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SluiceCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
