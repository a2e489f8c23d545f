package dev.sluice.observe;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Configurator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --log-level} / {@code SLUICE_LOG_LEVEL} switch. Spark 3.5 logs through log4j2 (log4j-slf4j2-impl), so
 * this sets log4j2's levels directly: the root and Sluice's loggers get the chosen level, while Spark, Kafka, Hadoop,
 * Jetty and the HTTP clients stay at WARN unless a quieter level is chosen - their INFO output is thousands of lines
 * about internals, and at DEBUG it would bury Sluice's own lines.
 *
 * <p>The shipped {@code log4j2.properties} reads the same setting at startup ({@code -Dsluice.log.level}, then
 * {@code SLUICE_LOG_LEVEL}); {@link #apply} is for when logging is already running, e.g. the job's
 * {@code --log-level} option on a cluster whose Spark configured log4j2 before the job's main ran.
 */
public final class LogLevels {

    public static final String ENVIRONMENT_VARIABLE = "SLUICE_LOG_LEVEL";
    public static final String SYSTEM_PROPERTY = "sluice.log.level";
    /** Level of Sluice's records on the console (WARN unless a level was asked for); read by log4j2.properties. */
    public static final String CONSOLE_PROPERTY = "sluice.console.level";
    /** The console appender of the shipped log4j2.properties, attached to the {@code dev.sluice} logger only. */
    static final String CONSOLE_APPENDER = "console";

    /** Loggers whose INFO output is noise for a Sluice user; same list as in log4j2.properties. */
    static final List<String> NOISY = List.of("org.apache.spark", "org.sparkproject", "org.apache.kafka", "org.apache.hadoop",
            "org.eclipse.jetty", "io.netty", "org.apache.parquet", "org.apache.hc", "com.clickhouse");

    private static final List<String> NAMES = List.of("off", "error", "warn", "info", "debug", "trace");

    private LogLevels() {
    }

    /**
     * @throws IllegalArgumentException for a name log4j2 does not know, listing the valid ones [bad config]
     */
    public static Level parse(String name) {
        String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (normalized.equals("warning")) {
            normalized = "warn";
        }
        if (!NAMES.contains(normalized)) {
            throw new IllegalArgumentException("unknown log level '" + name + "' (from --log-level or " + ENVIRONMENT_VARIABLE
                    + "); use one of " + String.join(", ", NAMES) + " [bad config]");
        }
        return Level.toLevel(normalized.toUpperCase(Locale.ROOT));
    }

    /** The level asked for: the option when given, else {@code SLUICE_LOG_LEVEL}, else nothing (keep the config file's). */
    public static Optional<String> requested(String option) {
        if (option != null && !option.isBlank()) {
            return Optional.of(option);
        }
        return Optional.ofNullable(System.getenv(ENVIRONMENT_VARIABLE)).filter(v -> !v.isBlank());
    }

    /**
     * Applies {@code name} to the running log4j2 configuration: the file and, since a level was asked for, the
     * console too (where Sluice's records otherwise show from WARN up).
     */
    public static Level apply(String name) {
        Level level = parse(name);
        Configurator.setRootLevel(level);
        Configurator.setLevel("dev.sluice", level);
        Level noisy = noisyLevel(level);
        for (String logger : NOISY) {
            Configurator.setLevel(logger, noisy);
        }
        consoleLevel(level);
        return level;
    }

    /** Re-attaches the console appender to {@code dev.sluice} at {@code level}, when the shipped configuration is in use. */
    private static void consoleLevel(Level level) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        Appender console = config.getAppender(CONSOLE_APPENDER);
        LoggerConfig sluice = config.getLoggerConfig("dev.sluice");
        if (console == null || !sluice.getName().equals("dev.sluice") || !sluice.getAppenders().containsKey(CONSOLE_APPENDER)) {
            return; // another configuration (a cluster's own log4j2 setup): its console is its business
        }
        sluice.removeAppender(CONSOLE_APPENDER);
        sluice.addAppender(console, level, null);
        context.updateLoggers();
    }

    /** Applies the option, or the environment variable, when either is set. */
    public static Optional<Level> applyRequested(String option) {
        return requested(option).map(LogLevels::apply);
    }

    /** WARN, or the chosen level when it is quieter (error, off). */
    static Level noisyLevel(Level chosen) {
        return chosen.isMoreSpecificThan(Level.WARN) ? chosen : Level.WARN;
    }
}
