package dev.sluice.compile;

import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Group-by dimensions to columns named after the dimension, read from its field as a string. A null value becomes
 * {@code ''}: ClickHouse keys are not nullable, and a null group would otherwise be a group nobody can select by name.
 */
public final class DimensionCompiler {

    private final String domain;
    private final String aggregation;

    public DimensionCompiler(String domain, String aggregation) {
        this.domain = domain;
        this.aggregation = aggregation;
    }

    public List<Column> compile(DomainConfig domainConfig, EventTypeConfig event, List<String> groupBy) {
        List<Column> columns = new ArrayList<>();
        for (String name : groupBy) {
            DimensionConfig dimension = domainConfig.dimensions().get(name);
            if (dimension == null) {
                throw CompileException.badConfig(domain, aggregation, "group-by names unknown dimension '" + name + "'",
                        "declare it under dimensions: or use one of " + domainConfig.dimensions().keySet());
            }
            String field = dimension.effectiveField();
            if (event.fieldType(field).isEmpty()) {
                throw CompileException.badConfig(domain, aggregation, "dimension '" + name + "' reads field '" + field
                        + "', which event type '" + event.name() + "' does not have", "use a dimension whose field the event has");
            }
            columns.add(coalesce(col(field).cast(DataTypes.StringType), lit("")).as(name));
        }
        return columns;
    }
}
