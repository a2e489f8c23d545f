package dev.sluice.config;

import java.util.Map;

public record KafkaConfig(
        @Required @Doc("Comma-separated host:port list of brokers.") String bootstrapServers,
        @Doc("Extra Kafka client properties (security, SASL, TLS) passed to producers, consumers, admin and Spark's Kafka source.")
        Map<String, String> clientProperties) {
}
