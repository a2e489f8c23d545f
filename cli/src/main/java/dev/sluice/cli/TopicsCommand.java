package dev.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Kafka topics of the configured events.",
        subcommands = {TopicsApplyCommand.class})
public final class TopicsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
