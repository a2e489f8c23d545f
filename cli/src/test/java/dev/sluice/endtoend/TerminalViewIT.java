package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code bin/sluice run} on a real terminal: tmux gives it a pty, capture-pane shows what a person would see. The
 * live table must be drawn in place (one header on the screen however many redraws), show every query with the
 * metrics endpoint's facts, and leave a closing summary when Ctrl-C stops the job.
 */
@ExtendWith(RealStack.class)
class TerminalViewIT {

    private static final String DOMAIN = "payments";

    @Test
    void runShowsALiveTableOfItsQueriesInPlaceAndASummaryOnCtrlC(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(tmux("-V").exit == 0, "tmux is not installed");
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 500, Duration.ofMillis(500), 2));
        ConsoleOutputIT.run(repository, "setup-topics.log", "topics", "apply", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--quiet");
        ConsoleOutputIT.run(repository, "setup-schemas.log", "schemas", "register", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--quiet");
        ConsoleOutputIT.run(repository, "setup-ddl.log", "ddl", "apply", "--env", ItRepository.ENVIRONMENT, "--quiet");
        ConsoleOutputIT.run(repository, "setup-generate.log", "generate", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN,
                "--events", "4000", "--seed", "3", "--malformed-fraction", "0.01", "--quiet");

        // The job, started in a tmux pane exactly as CliProcess starts it, with the scratch repository's environment.
        Map<String, String> environment = new HashMap<>();
        CliProcess.environment(repository, environment);
        List<String> command = CliProcess.command(repository, List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN),
                new CliProcess.Launch(List.of("-XX:TieredStopAtLevel=1"), false));
        Path script = dir.resolve("run-in-tmux.sh");
        Files.writeString(script, "#!/bin/sh\nunset $(env | grep '^SLUICE_' | cut -d= -f1)\n"
                + environment.entrySet().stream().map(e -> "export " + e.getKey() + "=" + sh(e.getValue())).collect(Collectors.joining("\n"))
                + "\nexec " + command.stream().map(TerminalViewIT::sh).collect(Collectors.joining(" ")) + "\n");
        script.toFile().setExecutable(true);
        String session = "sluice-it-" + ProcessHandle.current().pid();
        // remain-on-exit: the pane, and what the job printed last, stays after it exits.
        assertEquals(0, tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", script.toString(), ";",
                "set-option", "-t", session, "remain-on-exit", "on").exit, "tmux new-session");
        try {
            String screen = awaitScreen(session, false, s -> s.contains("caught up") && s.lines().filter(l -> l.contains("payments.")).count() >= 5,
                    Duration.ofMinutes(8));
            assertEquals(1, screen.lines().filter(l -> l.startsWith("QUERY ")).count(), "the table is redrawn in place:\n" + screen);
            assertTrue(screen.lines().anyMatch(l -> l.matches("QUERY +STATE +BATCH +RECORDS +INPUT/S +LAG +ETA +WM DELAY +LATE/MIN +DEAD/MIN")),
                    screen);
            for (String query : List.of("merchant_fraud_5m", "card_velocity_10m", "volume_by_currency_1m", "device_risk_5m", "click_sessions")) {
                assertTrue(screen.lines().anyMatch(l -> l.startsWith("payments." + query + " ")), query + " has a row:\n" + screen);
            }
            assertTrue(screen.contains("stream payments: 5 queries"), screen);
            assertTrue(ConsoleNoise.in(screen).isEmpty(), "noise on the terminal: " + ConsoleNoise.in(screen) + "\n" + screen);

            tmux("send-keys", "-t", session, "C-c");
            // The per-query summary comes from a shutdown hook: Ctrl-C ends the JVM before the command returns.
            String after = awaitScreen(session, true, s -> s.contains("  payments.click_sessions: "), Duration.ofMinutes(3));
            assertTrue(after.lines().anyMatch(l -> l.matches("  payments\\.merchant_fraud_5m: \\w.*records in \\d+ batch.*dead letters.*")),
                    "a closing line per query:\n" + after);
            assertTrue(after.lines().noneMatch(l -> l.startsWith("Exception in thread") || l.contains("could not stop query")),
                    "Ctrl-C stops the job without Spark's dying threads on the terminal:\n" + after);
        } finally {
            tmux("kill-session", "-t", session);
        }
    }

    /** @param history the whole scrollback, not only the visible screen */
    private static String awaitScreen(String session, boolean history, java.util.function.Predicate<String> until, Duration timeout)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            Result capture = history ? tmux("capture-pane", "-p", "-S", "-", "-t", session) : tmux("capture-pane", "-p", "-t", session);
            if (capture.exit == 0) {
                screen = capture.output;
                if (until.test(screen)) {
                    return screen;
                }
            }
            Thread.sleep(1000);
        }
        fail("the terminal did not show what was expected within " + timeout + "; it shows:\n" + screen);
        return screen;
    }

    private record Result(int exit, String output) {
    }

    private static Result tmux(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tmux"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static String sh(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
