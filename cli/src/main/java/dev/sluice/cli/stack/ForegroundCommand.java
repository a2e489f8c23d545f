package dev.sluice.cli.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a helper command to completion (Maven, apt-get, Kafka's storage formatter) with its output in a log file. */
final class ForegroundCommand {

    private ForegroundCommand() {
    }

    /** @return the exit code; a command that cannot be started or does not finish in time is a {@link StackException} */
    static int run(List<String> command, Map<String, String> environment, Path workDir, Path log, Duration timeout) {
        StackLayout.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException("`" + String.join(" ", command) + "` did not finish within " + timeout.toMinutes()
                        + " min; see " + log + ".");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new StackException("Cannot run `" + command.get(0) + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running `" + String.join(" ", command) + "`.");
        }
    }
}
