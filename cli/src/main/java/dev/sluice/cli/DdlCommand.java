package dev.sluice.cli;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = "ClickHouse tables of the configured aggregations: generate the reviewable SQL, plan and apply it to a server.",
        subcommands = {DdlGenerateCommand.class, DdlPlanCommand.class, DdlApplyCommand.class})
public final class DdlCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints a ClickHouse failure and returns the exit code: 2 for bad config, 1 otherwise. */
    static int report(SinkException e, PrintWriter err) {
        err.println("error: " + e.getMessage());
        return e.kind() == FailureKind.BAD_CONFIG ? SluiceCli.EXIT_CONFIG_ERROR : 1;
    }
}
