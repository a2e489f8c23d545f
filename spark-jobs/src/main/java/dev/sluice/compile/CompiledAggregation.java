package dev.sluice.compile;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.WindowConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;

/**
 * An aggregation turned into Spark expressions. {@link #apply} builds the aggregated DataFrame from decoded events,
 * streaming or batch alike: {@code withWatermark} is a no-op on a batch DataFrame and de-duplication uses
 * {@code dropDuplicates} there (Spark refuses {@code dropDuplicatesWithinWatermark} on batch data), so replay and the streaming job
 * share one plan shape and give the same rows for the same events.
 *
 * <p>The two halves are exposed separately because the streaming job needs the selected events (after the filter,
 * before the watermark) to tell late events apart.
 */
public record CompiledAggregation(
        DomainConfig domain,
        AggregationConfig config,
        EventTypeConfig event,
        Optional<Column> filter,
        CompiledWindow window,
        List<Column> dimensions,
        List<CompiledMeasure> measures,
        List<OutputColumn> output) {

    public String name() {
        return config.name();
    }

    public Duration watermark() {
        return config.watermark();
    }

    public boolean deduplicate() {
        return config.deduplicate();
    }

    /** The table this aggregation writes to: configured, else {@code <domain>_<aggregation>}. */
    public String table() {
        return config.table() != null && !config.table().isBlank() ? config.table() : domain.name() + "_" + config.name();
    }

    /** Filtered events: the rows this aggregation counts (or would, were they on time). */
    public Dataset<Row> select(Dataset<Row> events) {
        return filter.map(events::filter).orElse(events);
    }

    /** Watermark, optional de-duplication, window and group-by, measures; the output columns in {@link #output} order. */
    public Dataset<Row> aggregate(Dataset<Row> selected) {
        return aggregate(selected, Optional.empty());
    }

    /**
     * {@link #aggregate}, leaving each event out of its windows that end at or before the timestamp in column
     * {@code droppedUntil} (null: counted in all of them), as Spark's stateful operator leaves a late event out of the
     * windows that had closed. Replay uses it to reproduce the streaming job's late events, partly late ones included.
     * Tumbling and sliding windows only: a session window's end is only known once sessions have merged.
     */
    public Dataset<Row> aggregateLeavingOut(Dataset<Row> selected, String droppedUntil) {
        if (window.type() == WindowConfig.WindowType.SESSION) {
            throw new IllegalArgumentException(name() + ": session windows cannot leave events out per window");
        }
        Column windowEnd = col(CompiledWindow.COLUMN + ".end");
        return aggregate(selected, Optional.of(col(droppedUntil).isNull().or(windowEnd.gt(col(droppedUntil)))));
    }

    private Dataset<Row> aggregate(Dataset<Row> selected, Optional<Column> keepWindow) {
        Dataset<Row> input = selected.withWatermark(EventTypeConfig.EVENT_TIME, WindowCompiler.interval(watermark()));
        if (deduplicate()) {
            // Spark 3.5 refuses dropDuplicatesWithinWatermark on batch data; there the whole input is "within the
            // watermark", so plain dropDuplicates is the same rule.
            input = input.isStreaming() ? input.dropDuplicatesWithinWatermark(EventTypeConfig.EVENT_ID)
                    : input.dropDuplicates(EventTypeConfig.EVENT_ID);
        }
        List<Column> keys = new ArrayList<>(dimensions.size() + 1);
        if (keepWindow.isPresent()) {
            // The window assigned per row before grouping, so that rows can be dropped per window.
            input = input.withColumn(CompiledWindow.COLUMN, window.column()).filter(keepWindow.get());
            keys.add(col(CompiledWindow.COLUMN));
        } else {
            keys.add(window.column());
        }
        keys.addAll(dimensions);
        RelationalGroupedDataset grouped = input.groupBy(keys.toArray(Column[]::new));
        List<Column> aggregates = measures.stream().flatMap(m -> m.aggregate().stream()).toList();
        Dataset<Row> aggregated = grouped.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
        return aggregated.select(projection().toArray(Column[]::new));
    }

    public Dataset<Row> apply(Dataset<Row> events) {
        return aggregate(select(events));
    }

    /** The Spark schema of {@link #apply}'s result. */
    public StructType outputSchema() {
        return new StructType(output.stream()
                .map(c -> new StructField(c.name(), c.type(), c.nullable(), org.apache.spark.sql.types.Metadata.empty()))
                .toArray(StructField[]::new));
    }

    private List<Column> projection() {
        List<Column> columns = new ArrayList<>();
        columns.add(col(CompiledWindow.COLUMN + ".start").as(AggregationCompiler.WINDOW_START));
        columns.add(col(CompiledWindow.COLUMN + ".end").as(AggregationCompiler.WINDOW_END));
        for (OutputColumn column : output) {
            if (column.kind() == OutputColumn.Kind.DIMENSION) {
                columns.add(col(column.name()));
            }
        }
        measures.forEach(m -> columns.add(m.output()));
        return columns;
    }
}
