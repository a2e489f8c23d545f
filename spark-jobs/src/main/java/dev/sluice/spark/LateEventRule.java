package dev.sluice.spark;

import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.EventTypeConfig;
import org.apache.spark.sql.Column;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

/**
 * Which events Spark drops as late, stated as a per-event timestamp (the "drop bound") that Spark compares with the
 * watermark: an event is dropped, uncounted, iff {@code dropBound <= watermark}. Mirroring Spark's own predicates
 * (Spark 3.5, {@code WatermarkSupport}) is what makes counts reconcile exactly: produced = aggregated + late +
 * dead letters (+ filtered out, + duplicates when de-duplicating).
 *
 * <ul>
 *   <li>de-duplicated aggregations: {@code dropDuplicatesWithinWatermark} drops rows with {@code event_time <= W}
 *       before anything else, and a surviving row's windows all end after its event time, so the bound is the event
 *       time itself;</li>
 *   <li>tumbling and sliding windows: the aggregation drops a row's contribution to a window whose end is
 *       {@code <= W}; the bound is the end of the LAST window covering the event, so "late" means it counted nowhere.
 *       (A sliding-window event can be partly late: its earlier windows closed, its later ones still open. It is
 *       then counted in the open ones and not reported as late.)</li>
 *   <li>session windows: each event opens a session [t, t + gap) that Spark drops when its end is {@code <= W}.</li>
 * </ul>
 *
 * Which W: with {@code spark.sql.streaming.statefulOperator.allowMultiple} (the default) Spark filters late rows of
 * batch N with the watermark of batch N-1 ({@link BatchWatermarks}).
 */
public final class LateEventRule {

    private LateEventRule() {
    }

    public static Column dropBound(CompiledAggregation aggregation) {
        Column time = col(EventTypeConfig.EVENT_TIME);
        if (aggregation.deduplicate()) {
            return time;
        }
        long sizeMicros = aggregation.window().size().toNanos() / 1000;
        long slideMicros = aggregation.window().slide().toNanos() / 1000;
        Column micros = call_function("unix_micros", time);
        return switch (aggregation.window().type()) {
            // Windows are epoch-aligned: the last window covering t starts at t - (t mod slide).
            case TUMBLING, SLIDING -> call_function("timestamp_micros",
                    micros.minus(pmod(micros, lit(slideMicros))).plus(lit(sizeMicros)));
            case SESSION -> call_function("timestamp_micros", micros.plus(lit(sizeMicros)));
        };
    }
}
