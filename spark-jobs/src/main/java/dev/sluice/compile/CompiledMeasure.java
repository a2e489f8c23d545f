package dev.sluice.compile;

import dev.sluice.config.MeasureConfig.MeasureType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

import java.util.Optional;

/**
 * One measure, compiled.
 *
 * @param aggregate the aggregate expression computed by the group-by, aliased to the measure name; empty for ratios,
 *                  which are computed from two other measures after aggregation
 * @param output    the expression of the output column (aliased to the measure name) over the aggregated columns
 * @param type      the output column's Spark type (the ClickHouse DDL maps the same contract)
 * @param nullable  whether the output can be null (min/max/avg/percentile of no values, ratio over zero)
 */
public record CompiledMeasure(String name, MeasureType measureType, Optional<Column> aggregate, Column output,
                              DataType type, boolean nullable) {
}
