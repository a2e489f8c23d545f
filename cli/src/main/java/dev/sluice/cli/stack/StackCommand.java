package dev.sluice.cli.stack;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code sluice stack}: the local Kafka + schema registry + ClickHouse + Redis for development and integration tests. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = {
                "Runs Kafka (KRaft), a Confluent-API schema registry (Apicurio), ClickHouse and Redis (online features) as plain processes on this machine,"
                        + " for development and integration tests. No Docker needed.",
                "",
                "All state lives in the data dir (default <repo>/var/stack): configs, data, logs/, run/*.pid and"
                        + " endpoints.properties, which integration tests read.",
                "Default ports: Kafka 19092 (controller 19093), registry 18081, ClickHouse HTTP 18123, native 19000, interserver 19009, Redis 16379."
        },
        subcommands = {
                StackUpCommand.class,
                StackDownCommand.class,
                StackStatusCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class StackCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints a user-facing failure without a stack trace and returns the exit code for it. */
    static int fail(CommandLine.Model.CommandSpec spec, StackException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("sluice stack " + spec.name() + ": " + e.getMessage());
        err.flush();
        return 1;
    }
}
