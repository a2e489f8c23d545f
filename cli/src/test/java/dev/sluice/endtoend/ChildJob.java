package dev.sluice.endtoend;

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
 * The streaming job in a JVM of its own, started the way {@code bin/sluice run} starts it ({@code SluiceCli run}, which
 * calls {@code SparkSubmit} in-process) but without the wrapper script, so the {@link Process} IS the driver JVM and
 * {@link #kill()} delivers SIGKILL to it: no shutdown hook, no query stop, no flush. The child gets this JVM's
 * {@code --add-opens} (failsafe passes the pom's list) and the test class path, which holds the cli module and its
 * dependencies, Spark included; {@code SLUICE_HOME} points at the test's repository copy.
 */
final class ChildJob implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final String description;

    private ChildJob(Process process, Path log, String description) {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    /**
     * @param arguments arguments of {@code SluiceCli}, e.g. {@code run --env it --domain payments --until-idle}
     * @param log       stdout and stderr of the child
     */
    static ChildJob start(ItRepository repository, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).toList();
        if (opens.isEmpty()) {
            throw new IllegalStateException("this JVM has no --add-opens options to pass on to the Spark child; run the test through "
                    + "Maven (failsafe's argLine carries the pom's spark.java.opens) or add them to the IDE's run configuration");
        }
        command.addAll(opens);
        command.add("-Xmx1g");
        command.add("-Dsluice.log.dir=" + repository.logs());
        command.add("-cp");
        command.add(testClassPath());
        command.add("dev.sluice.cli.SluiceCli");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SLUICE_HOME", repository.home().toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // The job's config comes from the repository copy alone; the developer's endpoints must not leak in.
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") && !k.equals("SLUICE_HOME"));
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            String executable = process.info().command().orElse("");
            if (!executable.endsWith(File.separator + "java")) {
                process.destroyForcibly();
                throw new IllegalStateException("the child is " + executable + ", not a java executable: SIGKILL would not reach the driver JVM");
            }
            return new ChildJob(process, log, String.join(" ", arguments));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the job's JVM", e);
        }
    }

    /**
     * Surefire and failsafe put the real test class path in {@code surefire.test.class.path} when they start the
     * forked JVM from a manifest-only jar; {@code java.class.path} may then name only that jar.
     */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL to the driver JVM, then waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("job JVM " + process.pid() + " still alive 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the killed job to exit", e);
        }
    }

    /** @return the exit code; fails when the job does not exit in time (it is then killed) */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("the job (" + description + ") did not finish within " + timeout + "; last lines of its log:\n" + tail(60));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the job", e);
        }
    }

    /** The last lines of the child's output, for failure messages. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    /** Makes sure no child outlives the test, whatever happened. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
