package dev.sluice.observe;

import dev.sluice.metrics.MetricsServer;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.testing.SparkTestSession;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scrapes the driver's /metrics over HTTP while a real streaming query runs: Spark's rate source, a windowed count
 * with a watermark and a foreachBatch sink reporting commits, as the Sluice job does. What Prometheus would see must
 * move while the query runs.
 *
 * <p>The real-stack variant (Kafka, registry, ClickHouse, the job's own entry point) adds: consumer lag per
 * partition from the Kafka source, dead letters by reason and ClickHouse rows per table; the lead wires it once the
 * job lands on main.
 */
class MetricsEndpointIT {

    private static final String QUERY = "observe.rate_counts";
    private static final String LABELS = "query=\"" + QUERY + "\",domain=\"observe\",aggregation=\"rate_counts\",";

    @Test
    void metricsEndpointFollowsARunningQuery() throws Exception {
        SparkSession spark = SparkTestSession.get();
        PipelineMetrics metrics = PipelineMetrics.create();
        QueryProgressMetrics listener = new QueryProgressMetrics(metrics, Map.of(QUERY, Duration.ofSeconds(1)), Clock.systemUTC());
        Dataset<Row> counts = spark.readStream().format("rate").option("rowsPerSecond", 50).load()
                .withWatermark("timestamp", "2 seconds")
                .groupBy(window(col("timestamp"), "5 seconds"))
                .count();
        VoidFunction2<Dataset<Row>, Long> sink = (batch, batchId) -> metrics.query(QUERY).batchCommitted(batchId, batch.count());

        spark.streams().addListener(listener);
        StreamingQuery query = null;
        try (MetricsServer server = MetricsServer.start(0, "streaming job", metrics.registry(), "platform.metrics.port")) {
            query = counts.writeStream().queryName(QUERY).outputMode("update").trigger(Trigger.ProcessingTime("1 second"))
                    .foreachBatch(sink).start();
            URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/metrics");

            String first = scrapeUntil(endpoint, text -> value(text, "sluice_input_rows_total") > 0);
            String later = scrapeUntil(endpoint, text -> value(text, "sluice_input_rows_total") > value(first, "sluice_input_rows_total")
                    && value(text, "sluice_watermark_timestamp_seconds") > 0);

            assertTrue(query.isActive(), "the query is still running while scraped");
            assertTrue(value(later, "sluice_committed_batch_id") >= 1, later);
            assertTrue(value(later, "sluice_state_rows") > 0, "windows held in state: " + later);
            assertTrue(value(later, "sluice_batch_duration_seconds_count") >= 2, later);
            double delay = value(later, "sluice_watermark_delay_seconds");
            assertTrue(delay >= 2 && delay < 60, "watermark trails the wall clock by the 2 s delay plus a batch or two: " + delay);
            for (String family : List.of("sluice_processed_rows_per_second", "sluice_trigger_lag_seconds", "sluice_state_memory_bytes",
                    "sluice_progress_timestamp_seconds", "jvm_memory_bytes_used")) {
                assertTrue(later.contains("\n" + family), family + " is served");
            }
        } finally {
            if (query != null) {
                query.stop();
            }
            spark.streams().removeListener(listener);
        }
    }

    private static String scrapeUntil(URI endpoint, java.util.function.Predicate<String> done) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            text = response.body();
            if (done.test(text)) {
                return text;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("metrics did not reach the expected state within 90 s; last scrape:\n" + text);
    }

    /** The value of {@code family} for the test query, or -1 when not served (yet). */
    private static double value(String exposition, String family) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(family + "{" + LABELS + "}") + " (\\S+)$").matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
