package dev.sluice.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration forms people write in YAML: {@code 30s}, {@code 5m}, {@code 1 minute}, {@code 10 minutes}, {@code PT5M}. */
public final class Durations {

    public static final String ACCEPTED_FORMS =
            "a number and a unit, e.g. 500ms, 30s, 5m, 2h, 1d, '1 minute', '10 minutes', '2 hours', or ISO-8601 like PT5M";

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*([a-z]+)$");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith("p")) {
            try {
                return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        Matcher m = NUMBER_AND_UNIT.matcher(trimmed);
        if (!m.matches()) {
            throw invalid(text);
        }
        double amount = Double.parseDouble(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms", "milli", "millis", "millisecond", "milliseconds" -> 1L;
            case "s", "sec", "secs", "second", "seconds" -> 1_000L;
            case "m", "min", "mins", "minute", "minutes" -> 60_000L;
            case "h", "hr", "hrs", "hour", "hours" -> 3_600_000L;
            case "d", "day", "days" -> 86_400_000L;
            case "w", "week", "weeks" -> 7 * 86_400_000L;
            default -> throw invalid(text);
        };
        return Duration.ofMillis(Math.round(amount * unitMillis));
    }

    /** The shortest exact form, as config files write it: 90s -> "90s", 300s -> "5m". */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
        String[] names = {"d", "h", "m", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            if (millis % units[i] == 0) {
                return millis / units[i] + names[i];
            }
        }
        return millis + "ms";
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration '" + text + "'");
    }
}
