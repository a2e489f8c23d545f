package dev.sluice.cli;

import dev.sluice.cli.shared.Output;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputOptionsTest {

    @AfterEach
    void defaults() {
        Output.reset();
    }

    @Test
    void aWrongLevelIsAUsageError() {
        CommandLine cli = SluiceCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("status", "--log-level", "verbose", "--help");

        assertEquals(CommandLine.ExitCode.USAGE, exit);
        assertTrue(err.toString().contains("unknown log level 'verbose' (from --log-level or SLUICE_LOG_LEVEL); use one of off, error,"
                + " warn, info, debug, trace [bad config]"), err.toString());
    }

    @Test
    void everyCommandTakesTheSameThreeOutputOptions() {
        List<String> missing = new ArrayList<>();
        visit(SluiceCli.commandLine(), missing);
        assertEquals(List.of(), missing, "commands without the shared output options");
    }

    private static void visit(CommandLine command, List<String> missing) {
        for (String option : List.of("--log-level", "--quiet", "--json")) {
            if (command.getCommandSpec().findOption(option) == null) {
                missing.add(command.getCommandSpec().qualifiedName() + " " + option);
            }
        }
        command.getSubcommands().values().forEach(sub -> visit(sub, missing));
    }

    @Test
    void quietAndJsonTurnProgressOffAndJsonKeepsStdoutForTheSummary() {
        SluiceCli.commandLine().parseArgs("validate", "--quiet");
        assertEquals(false, Output.verbose());
        assertEquals("off", System.getProperty(dev.sluice.console.ConsoleMode.SYSTEM_PROPERTY));
        assertEquals(false, Output.isJson());

        java.io.PrintStream stdout = System.out;
        SluiceCli.commandLine().parseArgs("--json", "validate");
        assertTrue(Output.isJson());
        assertTrue(System.out != stdout, "people's lines go to stderr while stdout waits for the JSON object");
        Output.reset();
        assertTrue(System.out == stdout);
    }
}
