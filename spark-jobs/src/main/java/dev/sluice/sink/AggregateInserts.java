package dev.sluice.sink;

import dev.sluice.compile.CompiledAggregation;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Writes an aggregation's output rows as ONE insert into its table, each row stamped with {@code _version} and
 * {@code _query}. The streaming batch writer and replay both write through here, so a replayed row is
 * indistinguishable from a streamed one except for its (higher) version and the query that wrote it.
 */
public final class AggregateInserts {

    private AggregateInserts() {
    }

    /** @param rows the aggregation's output columns ({@link CompiledAggregation#outputSchema()}), nothing else */
    public static long insert(BatchSink sink, String table, CompiledAggregation aggregation, String query, long version, Dataset<Row> rows) {
        List<String> columns = new ArrayList<>(Arrays.asList(aggregation.outputSchema().fieldNames()));
        List<Column> values = new ArrayList<>(columns.stream().map(c -> col(c)).toList());
        columns.add(SinkTables.VERSION);
        // A referenced literal: the version changes every batch, the generated code does not (PerBatchLiterals).
        values.add(PerBatchLiterals.number(version).as(SinkTables.VERSION));
        columns.add(SinkTables.QUERY);
        values.add(lit(query).as(SinkTables.QUERY));
        return sink.insert(table, columns, JsonRows.lines(rows, values.toArray(Column[]::new)));
    }
}
