package dev.sluice.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputOptionsTest {

    @Test
    void everyCommandTakesTheOptionAndAWrongLevelIsAUsageError() {
        CommandLine cli = SluiceCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("status", "--log-level", "verbose", "--help");

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertTrue(err.toString().contains("unknown log level 'verbose' (from --log-level or SLUICE_LOG_LEVEL); use one of off, error,"
                + " warn, info, debug, trace [bad config]"), err.toString());
    }

    @Test
    void statusIsRegistered() {
        assertTrue(SluiceCli.commandLine().getSubcommands().containsKey("status"));
        assertTrue(SluiceCli.commandLine().getSubcommands().get("status").getCommandSpec().findOption("--log-level") != null,
                "--log-level is inherited by subcommands");
    }
}
