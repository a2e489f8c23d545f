package dev.sluice.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code $SPARK_HOME/bin/spark-submit} does, for a Spark home without the distribution's scripts: ask Spark's
 * launcher ({@code org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit <args>}) for the driver's
 * command line, then run it. The launcher is what reads {@code --conf spark.driver.extraJavaOptions}, builds the
 * classpath from {@code jars/} and adds Spark's own Java 17 opens; running SparkSubmit directly would skip all that.
 */
final class SparkSubmitScript {

    /** The launcher prints messages (usage, errors), then this marker, then the command, NUL-separated. */
    private static final String COMMAND_MARKER = "\0\n";

    private SparkSubmitScript() {
    }

    /** Starts {@code spark-submit <args>} with {@code environment} added to the Spark home's; its output goes to {@code log}. */
    static ChildProcess start(Path sparkHome, List<String> args, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(StandaloneCluster.environment(sparkHome));
        env.putAll(environment);
        return ChildProcess.start("spark-submit " + String.join(" ", args), command(sparkHome, args, env), env, log);
    }

    static List<String> command(Path sparkHome, List<String> args, Map<String, String> environment) throws IOException, InterruptedException {
        List<String> launcher = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.launcher.Main", "org.apache.spark.deploy.SparkSubmit"));
        launcher.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(launcher);
        builder.environment().keySet().removeIf(key -> key.startsWith("SPARK_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String stdout;
        String stderr;
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            // Both pipes are drained at once so neither can fill up and block the launcher.
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> {
                try {
                    err.transferTo(errBytes);
                } catch (IOException ignored) {
                    // the exit code below tells what happened
                }
            }, "spark-launcher-stderr");
            errReader.start();
            stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            errReader.join();
            stderr = errBytes.toString(StandardCharsets.UTF_8);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !stdout.contains(COMMAND_MARKER)) {
            process.destroyForcibly();
            throw new AssertionError("Spark's launcher did not produce a command for spark-submit " + String.join(" ", args)
                    + "\nstdout: " + stdout.replace('\0', ' ') + "\nstderr: " + stderr);
        }
        String command = stdout.substring(stdout.indexOf(COMMAND_MARKER) + COMMAND_MARKER.length());
        return Arrays.stream(command.split("\0")).filter(part -> !part.isEmpty()).toList();
    }
}
