package dev.sluice.compile;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.OutputColumn;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.sink.SinkTables;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every shipped aggregation compiles, and what Spark produces is exactly what the ClickHouse DDL expects (core's
 * AggregationColumns): same columns in the same order, same types, same nullability.
 */
class OutputContractTest {

    private static SluiceConfig shipped() {
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("config/platform.yaml").toFile().isFile()) {
            root = root.getParent();
        }
        return ConfigLoader.forRepository(root).allowingMissingSecrets().load("dev");
    }

    @Test
    void compiledOutputMatchesTheClickHouseContractForEveryShippedAggregation() {
        SluiceConfig config = shipped();
        AggregationCompiler compiler = new AggregationCompiler();
        int checked = 0;
        for (DomainConfig domain : config.domains().values()) {
            for (AggregationConfig aggregation : domain.aggregations().values()) {
                CompiledAggregation compiled = compiler.compile(domain, aggregation);
                AggregationColumns contract = AggregationColumns.of(domain, aggregation);
                String where = domain.name() + "." + aggregation.name();

                // Spark's own schema of the plan, on an empty input of the event's columns.
                StructField[] produced = compiled.apply(SparkTestSession.get().createDataFrame(List.of(), EventColumns.schema(compiled.event())))
                        .schema().fields();
                List<String> names = new ArrayList<>(Arrays.stream(produced).map(StructField::name).toList());
                names.add(SinkTables.VERSION);
                names.add(SinkTables.QUERY);
                assertEquals(contract.insertColumnNames(), names, where);
                assertEquals(contract.table(), compiled.table(), where);

                for (StructField field : compiled.outputSchema().fields()) {
                    OutputColumn column = contract.column(field.name());
                    assertEquals(DataType.fromDDL(column.type().sparkType()), widen(field.dataType()), where + "." + field.name());
                    assertEquals(column.nullable(), field.nullable(), where + "." + field.name() + " nullability");
                }
                checked++;
            }
        }
        assertFalse(checked < 9, "expected the shipped domains' aggregations, checked " + checked);
    }

    /** ClickHouse stores min/max of int fields as Int64; Spark's int widens to it losslessly in JSON. */
    private static DataType widen(DataType type) {
        return type.equals(org.apache.spark.sql.types.DataTypes.IntegerType) ? org.apache.spark.sql.types.DataTypes.LongType : type;
    }
}
