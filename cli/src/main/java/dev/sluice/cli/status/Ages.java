package dev.sluice.cli.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times and ages the way a person reads them: UTC to the second, "12s ago", "3h 5m ago". */
final class Ages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Ages() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        return age.isNegative() ? "just now" : duration(age) + " ago";
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
        }
        if (s < 172800) {
            return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + "m");
        }
        return (s / 86400) + "d" + ((s % 86400) / 3600 == 0 ? "" : " " + (s % 86400) / 3600 + "h");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
