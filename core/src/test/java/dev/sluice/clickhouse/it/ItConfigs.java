package dev.sluice.clickhouse.it;

import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.RetryConfig;

import java.time.Duration;

/** ClickHouse configs for integration tests: the resolved server, the test class's database, quick retries. */
final class ItConfigs {

    private ItConfigs() {
    }

    static ClickHouseConfig clickhouse(String url, String database) {
        return new ClickHouseConfig(url, database, "default", "", null, new RetryConfig(6, Duration.ofMillis(200), Duration.ofSeconds(1)));
    }
}
