package dev.sluice.compile;

import dev.sluice.config.FieldType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The Spark type each config field type decodes to (what from_avro yields for the generated Avro schema). */
public final class SparkTypes {

    private SparkTypes() {
    }

    public static DataType of(FieldType type) {
        return switch (type) {
            // Enums are compared and grouped by symbol, so Spark sees the symbol string (from_avro does the same).
            case STRING, ENUM -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            // Money is a long number of minor units, never floating point.
            case LONG, MONEY -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
            case BOOLEAN -> DataTypes.BooleanType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }
}
