package dev.sluice.clickhouse.it;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.Sql;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.RetryConfig;

import java.time.Duration;
import java.util.UUID;

/**
 * The ClickHouse server integration tests run against: env SLUICE_CLICKHOUSE (e.g. http://127.0.0.1:28123). Missing
 * is a failure, not a skip — an integration test that silently does not run proves nothing. (To be replaced by the
 * test-support module's endpoint extension once it lands.)
 */
public final class ClickHouseTestServer {

    private ClickHouseTestServer() {
    }

    public static String url() {
        String url = System.getenv("SLUICE_CLICKHOUSE");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("SLUICE_CLICKHOUSE is not set: integration tests need a running ClickHouse, e.g. "
                    + "SLUICE_CLICKHOUSE=http://127.0.0.1:18123 (bin/sluice stack up starts one)");
        }
        return url;
    }

    /** A fresh database name per test class, so runs do not see each other's tables. */
    public static String freshDatabase(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public static ClickHouseConfig config(String database) {
        return config(url(), database);
    }

    public static ClickHouseConfig config(String url, String database) {
        return new ClickHouseConfig(url, database, "default", "", null,
                new RetryConfig(6, Duration.ofMillis(200), Duration.ofSeconds(1)));
    }

    public static void dropDatabase(ClickHouseConnection connection, String database) {
        connection.execute("DROP DATABASE IF EXISTS " + Sql.identifier(database));
    }
}
