package dev.sluice.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Decoded {@code order} events (the compiler's input) for tests, with times written as "HH:mm:ss" on 2024-01-01 UTC. */
public final class Orders {

    private Orders() {
    }

    public static Timestamp at(String hhmmss) {
        return Timestamp.from(instant(hhmmss));
    }

    public static Instant instant(String hhmmss) {
        return Instant.parse("2024-01-01T" + hhmmss + "Z");
    }

    /** id, time, user, country (nullable), status, amount (cents), quantity, score, is_fraud. */
    public static Row order(String id, String time, String user, String country, String status, long amount, int quantity,
                            double score, boolean fraud) {
        return RowFactory.create(id, at(time), user, country, status, amount, quantity, score, fraud);
    }

    public static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, dev.sluice.compile.EventColumns.schema(TestConfigs.orderEvent()));
    }
}
