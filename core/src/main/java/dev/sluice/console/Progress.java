package dev.sluice.console;

import java.time.Duration;
import java.util.Locale;

/**
 * How every command words its progress, so a person reads the same thing everywhere: "done of total (share), rate,
 * lag, ETA". Unknown values are left out rather than shown as a made-up zero.
 */
public final class Progress {

    private Progress() {
    }

    /**
     * One progress line: {@code label: 120,000 of 180,000 records (67%), 3,100/s, lag 60,000, ETA 19 s}.
     *
     * @param total   what there is to do, or a negative number when unknown
     * @param perSecond recent rate; NaN when not known yet
     * @param lag     what is still waiting (records in Kafka not processed yet), or negative when not known
     */
    public static String line(String label, long done, long total, String unit, double perSecond, long lag) {
        StringBuilder line = new StringBuilder(label).append(": ").append(count(done));
        if (total >= 0) {
            line.append(" of ").append(count(total));
        }
        line.append(' ').append(unit);
        if (total > 0) {
            line.append(" (").append(percent(done, total)).append(')');
        }
        if (Double.isFinite(perSecond)) {
            line.append(", ").append(rate(perSecond));
        }
        if (lag >= 0) {
            line.append(", lag ").append(count(lag));
        }
        long remaining = lag >= 0 ? lag : total >= 0 ? Math.max(0, total - done) : -1;
        if (remaining >= 0) {
            line.append(", ").append(eta(remaining, perSecond));
        }
        return line.toString();
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String percent(long done, long total) {
        return total <= 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", Math.min(100.0, 100.0 * done / total));
    }

    public static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%,.0f/s", perSecond) : "-";
    }

    /** "ETA 19 s", "done" when nothing remains, "ETA ?" while there is no rate to go by. */
    public static String eta(long remaining, double perSecond) {
        if (remaining <= 0) {
            return "ETA 0 s";
        }
        if (!Double.isFinite(perSecond) || perSecond <= 0) {
            return "ETA ?";
        }
        return "ETA " + duration(Duration.ofMillis(Math.round(remaining / perSecond * 1000)));
    }

    /** 850 ms -> "0.9 s", 75 s -> "1 min 15 s", 2 h -> "2 h 0 min". */
    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
