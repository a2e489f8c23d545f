package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Avro schemas of the configured events: generate versions into schemas/, check compatibility, register them.",
        subcommands = {SchemasGenerateCommand.class, SchemasCheckCommand.class, SchemasRegisterCommand.class})
public final class SchemasCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
