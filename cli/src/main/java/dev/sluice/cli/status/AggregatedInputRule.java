package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;

import java.util.Optional;

/**
 * How many events an aggregation's table has counted, when its rows can tell: the sum of an unconditional
 * {@code count} measure over the table's current rows, divided by how many windows each event falls in.
 *
 * @param countColumn     the measure column to sum, empty when no sum can tell
 * @param windowsPerEvent sliding windows: size / slide; otherwise 1
 * @param explanation     how the number is derived, or why it cannot be
 */
public record AggregatedInputRule(Optional<String> countColumn, long windowsPerEvent, String explanation) {

    public static AggregatedInputRule of(AggregationConfig aggregation) {
        Optional<MeasureConfig> count = aggregation.measures().values().stream()
                .filter(m -> m.type() == MeasureConfig.MeasureType.COUNT && m.where().isEmpty())
                .findFirst();
        if (count.isEmpty()) {
            return new AggregatedInputRule(Optional.empty(), 1,
                    "the aggregation has no unconditional count measure, so its rows do not say how many events they hold");
        }
        String column = count.get().name();
        WindowConfig window = aggregation.window();
        if (window.type() == WindowConfig.WindowType.SESSION && aggregation.outputMode() == AggregationConfig.OutputMode.UPDATE) {
            return new AggregatedInputRule(Optional.empty(), 1, "session windows in update mode leave a row per intermediate"
                    + " session as sessions merge, so summing '" + column + "' would count events more than once");
        }
        if (window.type() == WindowConfig.WindowType.SLIDING && window.slide() != null && !window.slide().isZero()) {
            long perEvent = Math.max(1, window.size().toMillis() / window.slide().toMillis());
            return new AggregatedInputRule(Optional.of(column), perEvent,
                    "sum of '" + column + "' / " + perEvent + " (each event is in " + perEvent + " sliding windows)");
        }
        return new AggregatedInputRule(Optional.of(column), 1, "sum of '" + column + "'");
    }
}
