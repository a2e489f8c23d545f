package dev.sluice.config;

/** {@code config/platform.yaml}: the services every domain shares. */
public record PlatformConfig(
        @Required @Doc("Kafka cluster the events live on.") KafkaConfig kafka,
        @Required @Doc("Schema registry speaking the Confluent REST API.") RegistryConfig registry,
        @Required @Doc("ClickHouse server or cluster the aggregates are written to.") ClickHouseConfig clickhouse,
        @Doc("Spark settings for streaming and replay jobs.") SparkConfig spark,
        @Doc("Where streaming queries keep their checkpoints.") CheckpointConfig checkpoints,
        @Doc("Secret backends consulted, in order, for ${secret:name} references.") SecretsConfig secrets,
        @Doc("Prometheus metrics endpoint of the driver.") MetricsConfig metrics,
        @Doc("Redis holding online features; required when an aggregation declares online:.") RedisConfig redis) {
}
