package dev.sluice.cli.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code bin/sluice} subcommand in a JVM of its own, started the way the launcher starts it (same Java, same
 * {@code --add-opens}, same class path as this JVM) but against another repository root ({@code SLUICE_HOME}), with
 * no wrapper process in between: the {@link Process} IS the JVM, so {@link #kill()} is a real SIGKILL of the Spark
 * driver when the subcommand is {@code run}. Output goes to a log file.
 */
final class CliProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String description;

    private CliProcess(Process process, Path log, String description) {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    static CliProcess start(Path home, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).toList());
        command.add("-Xmx1g");
        command.add("-Dsluice.log.dir=" + log.getParent());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.sluice.cli.SluiceCli");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only the scratch repository decides where things are: no endpoint or secret of the caller's shell leaks in.
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_"));
        builder.environment().put("SLUICE_HOME", home.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            if (!process.info().command().orElse(File.separator + "java").endsWith(File.separator + "java")) {
                process.destroyForcibly();
                throw new IllegalStateException("bug: the child is not a java executable, so SIGKILL would not reach the driver");
            }
            return new CliProcess(process, log, String.join(" ", arguments));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start `sluice " + String.join(" ", arguments) + "`", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String description() {
        return description;
    }

    Path log() {
        return log;
    }

    int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, then waits until the JVM is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("`sluice " + description + "` (pid " + process.pid() + ") still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pid " + process.pid() + " to exit", e);
        }
    }

    /** @return the exit code; a process that does not finish in time is killed and reported */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException("`sluice " + description + "` did not finish within " + timeout + "; killed it. Last lines of "
                        + log + ":\n" + tail(40));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for `sluice " + description + "`", e);
        }
    }

    /** The last lines of the log, for messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
