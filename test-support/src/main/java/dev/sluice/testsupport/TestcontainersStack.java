package dev.sluice.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The services in containers, for machines with Docker and no running stack. Same images as docker-compose.yml;
 * keep the two in step.
 */
final class TestcontainersStack implements ContainerFallback, ExtensionContext.Store.CloseableResource {

    /** Same Kafka version as the local stack (stack.kafka.version in the root pom). */
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    static final String REGISTRY_IMAGE = "apicurio/apicurio-registry:3.3.3";
    static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:25.8";
    /** Same major version as Debian bookworm's redis-server (the local stack's). */
    static final String REDIS_IMAGE = "redis:7.0";

    private final List<GenericContainer<?>> started = new ArrayList<>();

    @Override
    public boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public synchronized Map<StackPart, String> start(Set<StackPart> parts) {
        Map<StackPart, String> endpoints = new EnumMap<>(StackPart.class);
        for (StackPart part : parts) {
            endpoints.put(part, switch (part) {
                case KAFKA -> startKafka();
                case REGISTRY -> startRegistry();
                case CLICKHOUSE -> startClickHouse();
                case REDIS -> startRedis();
            });
        }
        return endpoints;
    }

    private String startKafka() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                // As in the local stack: topics are created explicitly.
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        launch(kafka);
        return kafka.getBootstrapServers();
    }

    private String startRegistry() {
        GenericContainer<?> registry = new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withExposedPorts(8080)
                .waitingFor(Wait.forHttp("/apis/ccompat/v7/subjects").forStatusCode(200)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        launch(registry);
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8080) + "/apis/ccompat/v7";
    }

    private String startClickHouse() {
        GenericContainer<?> clickhouse = new GenericContainer<>(DockerImageName.parse(CLICKHOUSE_IMAGE))
                .withExposedPorts(8123)
                // The image otherwise keeps the passwordless default user to connections from inside the container.
                .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1")
                .waitingFor(Wait.forHttp("/ping").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
        launch(clickhouse);
        return "http://" + clickhouse.getHost() + ":" + clickhouse.getMappedPort(8123);
    }

    private String startRedis() {
        GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withExposedPorts(6379)
                .withCommand("redis-server", "--appendonly", "yes")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
        launch(redis);
        return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
    }

    private void launch(GenericContainer<?> container) {
        container.start();
        started.add(container);
    }

    @Override
    public synchronized void close() {
        started.forEach(GenericContainer::stop);
        started.clear();
    }
}
