package dev.sluice.compile;

import dev.sluice.config.WindowConfig.WindowType;
import org.apache.spark.sql.Column;

import java.time.Duration;

/**
 * The window of an aggregation: the grouping column ({@code window(...)} or {@code session_window(...)}, a struct of
 * start and end) and the lengths it was built from.
 *
 * @param column     the window expression, aliased {@link #COLUMN}
 * @param size       tumbling and sliding: window length; session: the gap
 * @param slide      sliding: distance between window starts; tumbling: equal to size; session: equal to the gap
 */
public record CompiledWindow(WindowType type, Column column, Duration size, Duration slide, String description) {

    /** Name of the window struct column between grouping and the final projection. */
    public static final String COLUMN = "window";
}
