package dev.sluice.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/** Runs a streaming DataFrame into foreachBatch and keeps each non-empty batch's rows, formatted by {@link Rows}. */
public final class BatchCollector {

    private final Map<Long, List<String>> batches = new TreeMap<>();
    private final StreamingQuery query;

    public BatchCollector(Dataset<Row> stream, OutputMode mode, Path checkpoint) {
        try {
            this.query = stream.writeStream()
                    .outputMode(mode)
                    .option("checkpointLocation", checkpoint.toString())
                    .foreachBatch((Dataset<Row> batch, Long id) -> {
                        List<String> rows = Rows.format(batch.collectAsList());
                        if (!rows.isEmpty()) {
                            synchronized (batches) {
                                batches.put(id, rows);
                            }
                        }
                    })
                    .start();
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public StreamingQuery query() {
        return query;
    }

    /** Waits for everything added so far (and the no-data batches it triggers), then returns the new non-empty outputs. */
    public List<List<String>> drain() {
        query.processAllAvailable();
        synchronized (batches) {
            List<List<String>> out = new ArrayList<>(batches.values());
            batches.clear();
            return out;
        }
    }

    public void stop() {
        try {
            query.stop();
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
