package dev.sluice.compile;

import org.apache.spark.sql.types.DataType;

/** One column of an aggregate's output, in table order. */
public record OutputColumn(String name, DataType type, boolean nullable, Kind kind) {

    public enum Kind { WINDOW, DIMENSION, MEASURE }
}
