package dev.sluice.testsupport;

/**
 * Where the integration tests' Kafka, schema registry, ClickHouse and Redis answer. Every value has been checked to answer
 * before a test receives it.
 *
 * @param kafkaBootstrap Kafka bootstrap servers, e.g. {@code 127.0.0.1:19092}
 * @param registryUrl    base URL of the Confluent schema registry API, e.g. {@code http://127.0.0.1:18081/apis/ccompat/v7}
 *                       (append {@code /subjects}, {@code /schemas/ids/{id}}, ...)
 * @param clickhouseUrl  ClickHouse HTTP interface, e.g. {@code http://127.0.0.1:18123}
 * @param redisUrl       Redis of the online features, e.g. {@code redis://127.0.0.1:16379}
 */
public record StackEndpoints(String kafkaBootstrap, String registryUrl, String clickhouseUrl, String redisUrl) {
}
