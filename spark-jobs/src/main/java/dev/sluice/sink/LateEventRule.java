package dev.sluice.sink;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.WindowConfig;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * Which events Spark drops as late, and from which of their windows, mirroring Spark's own predicates (Spark 3.5,
 * {@code WatermarkSupport}): that is what makes counts reconcile exactly, per window: the events whose time falls in a
 * window = the window's count + the late records naming that window (+ filtered out, + duplicates). W is the watermark
 * Spark filters the batch with: with {@code spark.sql.streaming.statefulOperator.allowMultiple} (the default) the
 * previous batch's ({@link BatchWatermarks}).
 *
 * <ul>
 *   <li>de-duplicated aggregations: {@code dropDuplicatesWithinWatermark} drops rows with {@code event_time <= W}
 *       before anything else, and a surviving row's windows all end after its event time: an event is wholly late or
 *       not late, with the event time as its {@link #dropBound};</li>
 *   <li>tumbling and sliding windows: the aggregation drops a row's contribution to each window whose end is
 *       {@code <= W}. The event is wholly late when the end of the LAST window covering it is {@code <= W}
 *       ({@link #dropBound}); a sliding-window event is partly late when only its earlier windows are closed: the end of
 *       its FIRST window is {@code <= W} ({@link #partlyLateBound}). It is counted in the open windows and recorded as
 *       late for the closed ones;</li>
 *   <li>session windows: each event opens a session [t, t + gap) that Spark drops when its end is {@code <= W}; wholly
 *       late or not.</li>
 * </ul>
 *
 * Windows are epoch-aligned, and the slide divides the size ({@code WindowCompiler} refuses anything else), so an event
 * at t is in {@code size / slide} windows starting every slide from {@code lastStart - size + slide} to
 * {@code lastStart = t - (t mod slide)}.
 */
public final class LateEventRule {

    private LateEventRule() {
    }

    /** The event is wholly late (in no window) iff this bound {@code <= W}. */
    public static Column dropBound(CompiledAggregation aggregation) {
        Column time = col(EventTypeConfig.EVENT_TIME);
        if (aggregation.deduplicate()) {
            return time;
        }
        return switch (aggregation.window().type()) {
            case TUMBLING, SLIDING -> fromMicros(lastWindowStartMicros(aggregation, time).plus(lit(sizeMicros(aggregation))));
            case SESSION -> fromMicros(micros(time).plus(lit(sizeMicros(aggregation))));
        };
    }

    /** Whether the aggregation's events can be partly late: sliding windows without de-duplication. */
    public static boolean allowsPartlyLate(CompiledAggregation aggregation) {
        return aggregation.window().type() == WindowConfig.WindowType.SLIDING && !aggregation.deduplicate()
                && windowsPerEvent(aggregation) > 1;
    }

    /**
     * An event that is not wholly late is partly late iff this bound {@code <= W}: the end of its first window. Only
     * meaningful where {@link #allowsPartlyLate}.
     *
     * @param eventTime the event's event_time column
     */
    public static Column partlyLateBound(CompiledAggregation aggregation, Column eventTime) {
        return fromMicros(firstWindowStartMicros(aggregation, eventTime).plus(lit(sizeMicros(aggregation))));
    }

    /**
     * The start of the latest window a late event is missing from, at watermark W: the latest window start s of the
     * event with {@code s + size <= W}. Wholly late and session events miss every window (the event time for sessions).
     */
    public static Column lastMissedWindowStart(CompiledAggregation aggregation, Column eventTime, long watermarkMs) {
        if (aggregation.window().type() == WindowConfig.WindowType.SESSION) {
            return eventTime;
        }
        Column lastStart = lastWindowStartMicros(aggregation, eventTime);
        if (!allowsPartlyLate(aggregation)) {
            return fromMicros(lastStart);
        }
        // The latest aligned start whose window has ended by W is the same for every event of the batch: computed
        // here, and passed as a referenced literal so the generated code stays the same from batch to batch.
        long slideMs = aggregation.window().slide().toMillis();
        long latestClosedStartMs = Math.floorDiv(watermarkMs - aggregation.window().size().toMillis(), slideMs) * slideMs;
        Column latestClosedStartMicros = PerBatchLiterals.number(latestClosedStartMs).multiply(lit(1000L)).cast("long");
        return fromMicros(least(lastStart, latestClosedStartMicros));
    }

    /** The start of the earliest window a late event is missing from: its first window (the event time for sessions). */
    public static Column firstMissedWindowStart(CompiledAggregation aggregation, Column eventTime) {
        if (aggregation.window().type() == WindowConfig.WindowType.SESSION) {
            return eventTime;
        }
        return fromMicros(firstWindowStartMicros(aggregation, eventTime));
    }

    /** How many windows a late event is missing from, given {@link #firstMissedWindowStart} and {@link #lastMissedWindowStart}. */
    public static Column missedWindows(CompiledAggregation aggregation, Column firstMissedStart, Column lastMissedStart) {
        if (aggregation.window().type() == WindowConfig.WindowType.SESSION) {
            return lit(1L);
        }
        long slideMicros = slideMicros(aggregation);
        return call_function("div", micros(lastMissedStart).minus(micros(firstMissedStart)), lit(slideMicros)).plus(lit(1L));
    }

    /** How many windows each event is in: size / slide for sliding windows, else 1. */
    public static long windowsPerEvent(CompiledAggregation aggregation) {
        return aggregation.window().type() == WindowConfig.WindowType.SLIDING ? sizeMicros(aggregation) / slideMicros(aggregation) : 1;
    }

    private static Column lastWindowStartMicros(CompiledAggregation aggregation, Column time) {
        Column micros = micros(time);
        return micros.minus(pmod(micros, lit(slideMicros(aggregation))));
    }

    private static Column firstWindowStartMicros(CompiledAggregation aggregation, Column time) {
        return lastWindowStartMicros(aggregation, time).minus(lit(sizeMicros(aggregation) - slideMicros(aggregation)));
    }

    private static long sizeMicros(CompiledAggregation aggregation) {
        return aggregation.window().size().toNanos() / 1000;
    }

    /** The slide of a sliding window; the size of a tumbling one (the next window starts a size later). */
    private static long slideMicros(CompiledAggregation aggregation) {
        return aggregation.window().slide().toNanos() / 1000;
    }

    private static Column micros(Column time) {
        return call_function("unix_micros", time);
    }

    private static Column fromMicros(Column micros) {
        return call_function("timestamp_micros", micros);
    }
}
