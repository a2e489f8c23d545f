package dev.sluice.sink;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.Iterator;
import java.util.Map;

import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

/**
 * Rows to JSONEachRow lines with Spark's {@code to_json} (on the executors), streamed to the driver partition by
 * partition with {@code toLocalIterator} so a batch never has to fit in driver memory at once.
 *
 * <p>Timestamps are written as {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC: ClickHouse parses that into DateTime64(3) and,
 * with {@code date_time_input_format=best_effort}, into DateTime; binary values are base64 (to_json's encoding).
 */
public final class JsonRows {

    public static final Map<String, String> OPTIONS = Map.of(
            "timestampFormat", "yyyy-MM-dd HH:mm:ss.SSS",
            "timeZone", "UTC",
            "ignoreNullFields", "false");

    private JsonRows() {
    }

    public static Iterator<String> lines(Dataset<Row> rows, Column... columns) {
        return rows.select(to_json(struct(columns), OPTIONS)).as(Encoders.STRING()).toLocalIterator();
    }
}
