package dev.sluice.console;

import java.util.Locale;

/**
 * How progress is shown: redrawn in place on a terminal, as periodic plain lines when the output is a file or a CI
 * log (where in-place updates would leave escape codes and hundreds of lines), or not at all ({@code --quiet},
 * {@code --json}).
 *
 * <p>Chosen by {@code -Dsluice.progress} (set by the CLI's output options), else the {@code SLUICE_PROGRESS} environment
 * variable, else the terminal test. The property, not a parameter, because the streaming job and the replay run
 * in-process behind {@code SparkSubmit.main} and also alone under spark-submit.
 */
public enum ConsoleMode {
    LIVE, PLAIN, OFF;

    public static final String SYSTEM_PROPERTY = "sluice.progress";
    public static final String ENVIRONMENT_VARIABLE = "SLUICE_PROGRESS";

    public static ConsoleMode current() {
        String chosen = System.getProperty(SYSTEM_PROPERTY);
        if (chosen == null || chosen.isBlank()) {
            chosen = System.getenv(ENVIRONMENT_VARIABLE);
        }
        if (chosen != null && !chosen.isBlank()) {
            return parse(chosen);
        }
        // Java's console exists only when stdin and stdout are a terminal: redirected output gets plain lines.
        return System.console() != null ? LIVE : PLAIN;
    }

    public static ConsoleMode parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown progress mode '" + name + "' (from -D" + SYSTEM_PROPERTY + " or "
                    + ENVIRONMENT_VARIABLE + "); use live, plain or off");
        }
    }
}
