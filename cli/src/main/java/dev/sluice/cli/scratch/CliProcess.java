package dev.sluice.cli.scratch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code bin/sluice} subcommand in a JVM of its own, started the way the launcher starts it ({@code SluiceCli}, which
 * calls {@code SparkSubmit} in-process for {@code run}; same Java, same {@code --add-opens}, same class path as this
 * JVM) but against a {@link ScratchRepository} ({@code SLUICE_HOME}), with no wrapper process in between: the
 * {@link Process} IS the JVM, so {@link #kill()} is a real SIGKILL of the Spark driver when the subcommand is
 * {@code run}: no shutdown hook, no query stop, no flush. Output (stdout and stderr) goes to a log file.
 */
public final class CliProcess implements AutoCloseable {

    /**
     * How the child is started besides its arguments.
     *
     * @param jvmOptions   more JVM options, e.g. {@code -XX:TieredStopAtLevel=1}
     * @param appendToLog  true appends to an existing log (several commands may share one), false starts it afresh
     */
    public record Launch(List<String> jvmOptions, boolean appendToLog) {
        public static final Launch DEFAULT = new Launch(List.of(), true);

        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private final Process process;
    private final Path log;
    private final String description;

    private CliProcess(Process process, Path log, String description) {
        this.process = process;
        this.log = log;
        this.description = description;
    }

    public static CliProcess start(ScratchRepository repository, List<String> arguments, Path log) {
        return start(repository, arguments, log, Launch.DEFAULT);
    }

    /**
     * @param arguments arguments of {@code SluiceCli}, e.g. {@code run --env it --domain payments --until-idle}
     * @param log       stdout and stderr of the child
     */
    public static CliProcess start(ScratchRepository repository, List<String> arguments, Path log, Launch launch) {
        ProcessBuilder builder = new ProcessBuilder(command(repository, arguments, launch)).redirectErrorStream(true)
                .redirectOutput(launch.appendToLog() ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        environment(repository, builder.environment());
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            String executable = process.info().command().orElse("");
            if (!executable.endsWith(File.separator + "java")) {
                process.destroyForcibly();
                throw new IllegalStateException("bug: the child is " + executable + ", not a java executable, so SIGKILL would not reach the driver JVM");
            }
            return new CliProcess(process, log, String.join(" ", arguments));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start `sluice " + String.join(" ", arguments) + "`", e);
        }
    }

    /** The java command line of the child: this JVM's Java, opens and class path, then {@code SluiceCli arguments}. */
    public static List<String> command(ScratchRepository repository, List<String> arguments, Launch launch) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).toList();
        if (opens.isEmpty()) {
            throw new IllegalStateException("this JVM has no --add-opens options to pass on to the Spark child (bad setup): start it through "
                    + "bin/sluice or Maven (failsafe's argLine carries the pom's spark.java.opens), or add them to the IDE's run configuration");
        }
        command.addAll(opens);
        command.add("-Xmx1g");
        command.addAll(launch.jvmOptions());
        command.add("-Dsluice.log.dir=" + repository.logs());
        command.add("-cp");
        command.add(classPath());
        command.add("dev.sluice.cli.SluiceCli");
        command.addAll(arguments);
        return command;
    }

    /** Only the scratch repository decides where things are: no endpoint or secret of the caller's shell leaks in. */
    public static void environment(ScratchRepository repository, java.util.Map<String, String> environment) {
        environment.keySet().removeIf(k -> k.startsWith("SLUICE_"));
        environment.put("SLUICE_HOME", repository.home().toString());
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    }

    /**
     * This JVM's class path. Surefire and failsafe put the real one in {@code surefire.test.class.path} when they start
     * the forked JVM from a manifest-only jar; {@code java.class.path} then names only that jar.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String description() {
        return description;
    }

    public Path log() {
        return log;
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** SIGKILL, then waits until the JVM is gone. */
    public void kill() {
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

    /** @return the exit code; a process that does not finish in time is killed and reported with its log's last lines */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException("`sluice " + description + "` did not finish within " + timeout + "; killed it. Last lines of "
                        + log + ":\n" + tail(60));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for `sluice " + description + "`", e);
        }
    }

    /** The last lines of the log, for messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Everything the child has written so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log " + log + " of `sluice " + description + "`", e);
        }
    }

    /** How many lines of the child's output so far contain every one of {@code parts}. */
    public long linesContaining(String... parts) {
        return output().lines().filter(line -> Arrays.stream(parts).allMatch(line::contains)).count();
    }

    /** Makes sure the child does not outlive its owner, whatever happened. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
