package dev.sluice.compile;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.WindowConfig;
import org.apache.spark.sql.Column;

import java.time.Duration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.session_window;
import static org.apache.spark.sql.functions.window;

/**
 * Window config to Spark window column over {@code event_time}: tumbling {@code window(t, size)}, sliding
 * {@code window(t, size, slide)}, session {@code session_window(t, gap)}. Windows are aligned to the epoch (UTC).
 */
public final class WindowCompiler {

    private final String domain;
    private final String aggregation;

    public WindowCompiler(String domain, String aggregation) {
        this.domain = domain;
        this.aggregation = aggregation;
    }

    public CompiledWindow compile(WindowConfig window) {
        Column time = col(EventTypeConfig.EVENT_TIME);
        if (window == null || window.type() == null) {
            throw CompileException.badConfig(domain, aggregation, "no window type", "add window: { type: tumbling, size: 1 minute }");
        }
        return switch (window.type()) {
            case TUMBLING -> {
                Duration size = positive(window.size(), "size");
                yield new CompiledWindow(window.type(), window(time, interval(size)).as(CompiledWindow.COLUMN), size, size,
                        "tumbling " + interval(size));
            }
            case SLIDING -> {
                Duration size = positive(window.size(), "size");
                Duration slide = positive(window.slide(), "slide");
                if (size.toMillis() % slide.toMillis() != 0) {
                    throw CompileException.badConfig(domain, aggregation, "slide " + interval(slide) + " does not divide size "
                            + interval(size), "pick a slide that divides the size");
                }
                yield new CompiledWindow(window.type(), window(time, interval(size), interval(slide)).as(CompiledWindow.COLUMN),
                        size, slide, "sliding " + interval(size) + " every " + interval(slide));
            }
            case SESSION -> {
                Duration gap = positive(window.gap(), "gap");
                yield new CompiledWindow(window.type(), session_window(time, interval(gap)).as(CompiledWindow.COLUMN), gap, gap,
                        "session with gap " + interval(gap));
            }
        };
    }

    private Duration positive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero() || value.toNanos() % 1_000_000 != 0) {
            throw CompileException.badConfig(domain, aggregation, "window " + key + " must be a positive whole number of milliseconds, got "
                    + value, "write e.g. " + key + ": 1 minute");
        }
        return value;
    }

    /** Spark interval text; milliseconds keep any configured duration exact. */
    public static String interval(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " hours";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " minutes";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " seconds";
        }
        return millis + " milliseconds";
    }
}
