package dev.sluice.clickhouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Human wording of durations for column comments ("1 minute", "2 hours 30 minutes"). */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        if (duration == null) {
            return "?";
        }
        if (duration.isZero()) {
            return "0 seconds";
        }
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDaysPart(), "day");
        add(parts, duration.toHoursPart(), "hour");
        add(parts, duration.toMinutesPart(), "minute");
        add(parts, duration.toSecondsPart(), "second");
        add(parts, duration.toMillisPart(), "millisecond");
        return String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
        }
    }
}
