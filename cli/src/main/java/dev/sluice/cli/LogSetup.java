package dev.sluice.cli;

import dev.sluice.observe.LogLevels;

import java.util.Locale;

/**
 * Tells log4j2, before it starts, which command runs and at which level: log4j2.properties names the log file
 * {@code sluice-<command>.log} after {@code sluice.command} and reads {@code sluice.log.level}. Must run before
 * anything logs, i.e. first thing in main; {@link LogLevelOption} then validates the option as picocli parses it.
 */
final class LogSetup {

    static final String COMMAND_PROPERTY = "sluice.command";

    private LogSetup() {
    }

    static void beforeLogging(String[] args) {
        if (System.getProperty(COMMAND_PROPERTY) == null) {
            System.setProperty(COMMAND_PROPERTY, commandName(args));
        }
        String level = logLevel(args);
        if (level != null && System.getProperty(LogLevels.SYSTEM_PROPERTY) == null) {
            try {
                LogLevels.parse(level);
                System.setProperty(LogLevels.SYSTEM_PROPERTY, level);
                // Asked for explicitly, so shown on the console too (by default only warnings are).
                System.setProperty(LogLevels.CONSOLE_PROPERTY, level);
            } catch (IllegalArgumentException e) {
                // Left to LogLevelOption, which reports it as a usage error.
            }
        }
    }

    /** This command's log file, as log4j2.properties names it ({@code <sluice.log.dir>/sluice-<command>.log}). */
    static java.nio.file.Path logFile() {
        return java.nio.file.Path.of(System.getProperty("sluice.log.dir", "var/log"))
                .resolve("sluice-" + System.getProperty(COMMAND_PROPERTY, "job") + ".log");
    }

    /** The first word that is not an option (nor an option's value): {@code run}, {@code status}, {@code stack}... */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--log-level") || arg.equals("--env")) {
                i++;
            } else if (!arg.startsWith("-")) {
                String name = arg.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
                return name.isEmpty() ? "sluice" : name;
            }
        }
        return "sluice";
    }

    static String logLevel(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-level") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--log-level=")) {
                return args[i].substring("--log-level=".length());
            }
        }
        return null;
    }
}
