package dev.sluice.testsupport;

/** The services integration tests need, with the names by which each is configured. */
enum StackPart {
    KAFKA("Kafka", "SLUICE_KAFKA", "kafka.bootstrap", "host:port[,host:port]"),
    REGISTRY("Schema registry", "SLUICE_REGISTRY", "registry.url", "http://host:port/<Confluent API base>"),
    CLICKHOUSE("ClickHouse", "SLUICE_CLICKHOUSE", "clickhouse.url", "http://host:port"),
    REDIS("Redis", "SLUICE_REDIS", "redis.url", "redis://host:port");

    /** For messages. */
    final String displayName;
    /** Environment variable that points tests at an already running service; wins over everything else. */
    final String envVar;
    /** Key in the local stack's endpoints.properties (written by {@code bin/sluice stack up}). */
    final String endpointsKey;
    /** The expected form of the value, for messages. */
    final String form;

    StackPart(String displayName, String envVar, String endpointsKey, String form) {
        this.displayName = displayName;
        this.envVar = envVar;
        this.endpointsKey = endpointsKey;
        this.form = form;
    }
}
