package dev.sluice.clickhouse.it;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.clickhouse.write.ClickHouseHttpWriter;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.InsertResult;
import dev.sluice.clickhouse.write.SpilledBody;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Insert throughput of {@link ClickHouseHttpWriter}: N rows shaped like payments.merchant_fraud_5m (window bounds,
 * two dimensions, eight measures, bookkeeping), as Spark's to_json writes them, in one insert. Not a test: run by hand
 * {@code java -cp <core test classpath> dev.sluice.clickhouse.it.InsertThroughputBenchmark http://127.0.0.1:28123 1000000}.
 * Creates and drops its own database.
 */
public final class InsertThroughputBenchmark {

    private static final String[] CATEGORIES = {"grocery", "restaurants", "fuel", "travel", "electronics", "fashion", "digital_goods", "gambling", "money_transfer", "pharmacy"};
    private static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "NL", "ES", "IT", "PL", "SE", "BR", "NG", "RU"};

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: InsertThroughputBenchmark <clickhouse http url> [rows, default 1000000]");
        }
        String url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String database = "sluice_bench_" + Long.toHexString(System.nanoTime());
        ClickHouseConfig config = ItConfigs.clickhouse(url, database);
        DomainConfig payments = ShippedConfig.domain("payments");
        List<String> columns = AggregationColumns.of(payments, payments.aggregations().get("merchant_fraud_5m")).insertColumnNames();
        try (ClickHouseConnection connection = ClickHouseConnection.open(config)) {
            new DdlApplier(connection, config).apply(List.of(payments)); // creates the database too
            long t0 = System.nanoTime();
            try (SpilledBody body = SpilledBody.of(rows(rows), 64 << 20, Path.of(System.getProperty("java.io.tmpdir")))) {
                double prepareSeconds = (System.nanoTime() - t0) / 1e9;
                ClickHouseHttpWriter writer = new ClickHouseHttpWriter(connection, RetryPolicy.none());
                writer.insert(InsertRequest.jsonEachRow("payments_merchant_fraud_5m", columns, SpilledBody.of(rows(1000), 1 << 20, Path.of("/tmp")))); // warm-up
                long t1 = System.nanoTime();
                InsertResult result = writer.insert(InsertRequest.jsonEachRow("payments_merchant_fraud_5m", columns, body));
                double seconds = (System.nanoTime() - t1) / 1e9;
                String count = connection.select("SELECT count() FROM " + Sql.qualified(database, "payments_merchant_fraud_5m")).get(0).get(0);
                System.out.printf(Locale.ROOT, "server %s, %d rows, %.1f MB JSONEachRow (spilled to disk: %s, prepared in %.2f s)%n",
                        connection.serverVersion(), body.rows(), body.bytes() / 1e6, body.spilled(), prepareSeconds);
                System.out.printf(Locale.ROOT, "insert: %.2f s, %.0f rows/s, %.1f MB/s, written %d, table count %s, attempts %d%n",
                        seconds, body.rows() / seconds, body.bytes() / 1e6 / seconds, result.writtenRows(), count, result.attempts());
            }
        } finally {
            try (ClickHouseConnection connection = ClickHouseConnection.open(config)) {
                connection.execute("DROP DATABASE IF EXISTS " + Sql.identifier(database));
            }
        }
    }

    /** Distinct windows and groups: 120 groups per 5-minute window, consecutive windows from a fixed start. */
    private static Iterator<String> rows(int count) {
        long start = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond();
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public String next() {
                if (i >= count) {
                    throw new NoSuchElementException();
                }
                int group = i % (CATEGORIES.length * COUNTRIES.length);
                long window = start + (long) (i / (CATEGORIES.length * COUNTRIES.length)) * 300;
                long tx = 1 + (i * 7919L) % 500;
                long fraud = tx / 50;
                String row = String.format(Locale.ROOT,
                        "{\"window_start\":\"%s\",\"window_end\":\"%s\",\"merchant_category\":\"%s\",\"country\":\"%s\","
                                + "\"transactions\":%d,\"fraud_transactions\":%d,\"fraud_ratio\":%.6f,\"amount_total\":%d,"
                                + "\"amount_avg\":%.3f,\"amount_p99\":%.1f,\"declined\":%d,\"unique_cards\":%d,\"_version\":%d,\"_query\":\"merchant_fraud_5m\"}",
                        Instant.ofEpochSecond(window), Instant.ofEpochSecond(window + 300), CATEGORIES[group / COUNTRIES.length],
                        COUNTRIES[group % COUNTRIES.length], tx, fraud, (double) fraud / tx, tx * 3200, 3200.0 + i % 97,
                        25000.0 + i % 1000, tx / 16, tx - tx / 5, 1_700_000_000_000_000L + i);
                i++;
                return row;
            }
        };
    }
}
