package dev.sluice.cli.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.console.ConsoleMode;
import dev.sluice.console.Progress;
import dev.sluice.console.Summary;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link OutputOptions} chose for this process, and the closing summary every command ends with. Process-wide:
 * the demo and the benchmark run other commands in-process, and those inherit the choice.
 * <ul>
 *   <li>default: what the command is doing, its progress (live on a terminal, periodic lines otherwise), its results,
 *       and a closing line on stderr;</li>
 *   <li>{@code --quiet}: no progress and no per-step lines ({@link #verbose()} is false); results, warnings, errors and
 *       the closing line stay;</li>
 *   <li>{@code --json}: stdout carries exactly one JSON object, the summary; what the command prints for people goes to
 *       stderr instead, progress is off.</li>
 * </ul>
 */
public final class Output {

    private static volatile boolean quiet;
    private static volatile PrintStream jsonOut;
    private static volatile boolean interrupted;

    private Output() {
    }

    static synchronized void quiet() {
        quiet = true;
        System.setProperty(ConsoleMode.SYSTEM_PROPERTY, ConsoleMode.OFF.name().toLowerCase(java.util.Locale.ROOT));
    }

    static synchronized void json() {
        quiet();
        if (jsonOut == null) {
            // People's lines move to stderr; stdout is kept for the one JSON object.
            jsonOut = System.out;
            System.setOut(System.err);
        }
    }

    /** False under --quiet and --json: print only results and the summary, not what each step is doing. */
    public static boolean verbose() {
        return !quiet;
    }

    public static boolean isJson() {
        return jsonOut != null;
    }

    /**
     * Ends a top-level command: the JSON summary on stdout, or a closing line on stderr naming the time taken and
     * the log file (which holds the detail the console leaves out).
     */
    /** The JVM is shutting down before the command returned (Ctrl-C, SIGTERM). */
    public static void interrupted() {
        interrupted = true;
    }

    public static void finish(String command, int exit, Duration took, Path logFile) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("command", command);
        summary.put("exit", exit);
        summary.put("ok", exit == 0);
        summary.put("interrupted", interrupted);
        summary.put("seconds", Math.round(took.toMillis() / 100.0) / 10.0);
        boolean logged = logFile != null && Files.exists(logFile);
        if (logged) {
            summary.put("log", logFile.toString());
        }
        summary.putAll(Summary.snapshot());
        if (jsonOut != null) {
            try {
                jsonOut.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
            jsonOut.flush();
            return;
        }
        String outcome = interrupted ? "stopped (Ctrl-C)" : exit == 0 ? "done" : "FAILED (exit " + exit + ")";
        System.err.println("sluice " + command + ": " + outcome + " in "
                + Progress.duration(took) + (logged ? "; full log: " + logFile : ""));
    }

    /**
     * Runs a command in-process as a step of a bigger one (the demo's): without its per-item detail (as under
     * --quiet) but with its progress, unless the caller is quiet; a step's own --quiet ends with the step.
     */
    public static <T> T step(java.util.function.Supplier<T> command) {
        boolean wasQuiet = quiet;
        quiet = true;
        String progress = System.getProperty(ConsoleMode.SYSTEM_PROPERTY);
        try {
            return command.get();
        } finally {
            quiet = wasQuiet;
            if (progress == null) {
                System.clearProperty(ConsoleMode.SYSTEM_PROPERTY);
            } else {
                System.setProperty(ConsoleMode.SYSTEM_PROPERTY, progress);
            }
        }
    }

    /** Back to the defaults, for tests that run several commands in one JVM. */
    public static synchronized void reset() {
        quiet = false;
        if (jsonOut != null) {
            System.setOut(jsonOut);
            jsonOut = null;
        }
        System.clearProperty(ConsoleMode.SYSTEM_PROPERTY);
        Summary.reset();
    }
}
