package dev.sluice.compile;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compiles one aggregation of a domain into Spark DataFrame operations (built-in functions only, no UDFs), delegating
 * each part to a small compiler. Output columns, in order: {@code window_start}, {@code window_end} (timestamps),
 * the group-by dimensions by name (strings), the measures by name (see {@link MeasureCompiler} for types).
 */
public final class AggregationCompiler {

    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";

    public CompiledAggregation compile(DomainConfig domain, AggregationConfig aggregation) {
        String domainName = domain.name();
        String name = aggregation.name();
        EventTypeConfig event;
        try {
            event = domain.event(aggregation.event());
        } catch (IllegalArgumentException e) {
            throw CompileException.badConfig(domainName, name, e.getMessage(), "set event: to one of " + domain.events().keySet());
        }
        if (aggregation.watermark() == null || aggregation.watermark().isNegative()) {
            throw CompileException.badConfig(domainName, name, "no watermark", "add watermark: 1 minute");
        }
        Optional<Column> filter = aggregation.filter().isEmpty() ? Optional.empty()
                : Optional.of(new ConditionCompiler(domainName, name).compile(event, aggregation.filter()));
        CompiledWindow window = new WindowCompiler(domainName, name).compile(aggregation.window());
        List<Column> dimensions = new DimensionCompiler(domainName, name).compile(domain, event, aggregation.groupBy());
        List<CompiledMeasure> measures = new MeasureCompiler(domainName, name).compile(event, aggregation.measures());

        List<OutputColumn> output = new ArrayList<>();
        output.add(new OutputColumn(WINDOW_START, DataTypes.TimestampType, false, OutputColumn.Kind.WINDOW));
        output.add(new OutputColumn(WINDOW_END, DataTypes.TimestampType, false, OutputColumn.Kind.WINDOW));
        for (String dimension : aggregation.groupBy()) {
            output.add(new OutputColumn(dimension, DataTypes.StringType, false, OutputColumn.Kind.DIMENSION));
        }
        for (CompiledMeasure measure : measures) {
            output.add(new OutputColumn(measure.name(), measure.type(), measure.nullable(), OutputColumn.Kind.MEASURE));
        }
        return new CompiledAggregation(domain, aggregation, event, filter, window, dimensions, measures, List.copyOf(output));
    }
}
