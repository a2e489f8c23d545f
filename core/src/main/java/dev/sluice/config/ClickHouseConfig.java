package dev.sluice.config;

public record ClickHouseConfig(
        @Required @Doc("HTTP(S) URL of a ClickHouse server, e.g. http://127.0.0.1:8123.") String url,
        @Default("sluice") @Doc("Database holding aggregate, dead-letter, late-event and batch tables.") String database,
        @Default("default") @Doc("ClickHouse user.") String username,
        @Doc("ClickHouse password; use ${secret:name}.") String password,
        @Doc("Cluster name for ON CLUSTER DDL, Replicated engines and Distributed tables; empty for a single server.") String cluster,
        @Doc("Retry policy of the sink's inserts.") RetryConfig insertRetry) {
}
