package dev.sluice.sink.online;

import dev.sluice.compile.AggregationCompiler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

/**
 * Per entity, the newest of a batch's windows: the row with the largest (window start, window end). Done in Spark,
 * so the driver receives one row per entity however many windows (e.g. ten overlapping sliding ones) the batch
 * updated. Whether that window is newer than what Redis holds is decided by Redis (the monotonic write).
 */
final class NewestWindows {

    static final String NEWEST = "_newest";

    private NewestWindows() {
    }

    /** @return the entity column, then window_start, window_end and the measures, in that order */
    static Dataset<Row> of(Dataset<Row> aggregates, String entityColumn, List<String> measures) {
        List<Column> ordered = new ArrayList<>();
        // A struct compares field by field, so max() picks the largest window start, then end.
        ordered.add(col(AggregationCompiler.WINDOW_START));
        ordered.add(col(AggregationCompiler.WINDOW_END));
        measures.forEach(m -> ordered.add(col(m)));
        return aggregates.groupBy(col(entityColumn))
                .agg(max(struct(ordered.toArray(Column[]::new))).as(NEWEST))
                .select(col(entityColumn), col(NEWEST + ".*"));
    }
}
