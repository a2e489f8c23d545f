package dev.sluice.testing;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Spark's in-memory streaming source, from Java. */
public final class MemoryStreams {

    private static final AtomicInteger IDS = new AtomicInteger(100);

    private MemoryStreams() {
    }

    public static MemoryStream<Row> of(SparkSession spark, StructType schema) {
        return new MemoryStream<>(IDS.incrementAndGet(), spark.sqlContext(), Option.empty(), Encoders.row(schema));
    }

    public static void add(MemoryStream<Row> stream, List<Row> rows) {
        stream.addData(JavaConverters.asScalaBuffer(rows).toSeq());
    }
}
