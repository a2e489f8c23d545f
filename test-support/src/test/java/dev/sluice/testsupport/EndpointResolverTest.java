package dev.sluice.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Resolution order and failure messages, with the probes and containers replaced by fakes. */
class EndpointResolverTest {

    @TempDir
    Path repo;

    /** Answers for every endpoint except the ones listed as dead. */
    private static final class FakeProbe extends ServiceProbe {
        final Set<String> dead = new HashSet<>();

        @Override
        Optional<String> problem(StackPart part, String endpoint) {
            return dead.contains(endpoint) ? Optional.of("Connection refused") : Optional.empty();
        }
    }

    private static final class FakeContainers implements ContainerFallback {
        final boolean docker;
        Set<StackPart> startedFor;

        FakeContainers(boolean docker) {
            this.docker = docker;
        }

        @Override
        public boolean available() {
            return docker;
        }

        @Override
        public Map<StackPart, String> start(Set<StackPart> parts) {
            startedFor = parts;
            Map<StackPart, String> endpoints = new EnumMap<>(StackPart.class);
            parts.forEach(p -> endpoints.put(p, "container-" + p.name().toLowerCase()));
            return endpoints;
        }
    }

    private final FakeProbe probe = new FakeProbe();

    @Test
    void environmentVariablesWinOverTheLocalStack() throws IOException {
        writeEndpointsFile();
        Map<String, String> env = Map.of("SLUICE_KAFKA", "kafka.example:9092", "SLUICE_CLICKHOUSE", "http://ch.example:8123/");

        StackEndpoints endpoints = resolver(env, new FakeContainers(false)).resolve();

        assertEquals("kafka.example:9092", endpoints.kafkaBootstrap());
        assertEquals("http://127.0.0.1:18081/apis/ccompat/v7", endpoints.registryUrl(), "not overridden: from the file");
        assertEquals("http://ch.example:8123", endpoints.clickhouseUrl(), "trailing slash dropped");
    }

    @Test
    void findsTheLocalStackByWalkingUpToBinSluice() throws IOException {
        writeEndpointsFile();
        Path moduleDir = Files.createDirectories(repo.resolve("spark-jobs"));

        StackEndpoints endpoints = new EndpointResolver(Map.of(), moduleDir, probe, () -> new FakeContainers(false)).resolve();

        assertEquals(new StackEndpoints("127.0.0.1:19092", "http://127.0.0.1:18081/apis/ccompat/v7", "http://127.0.0.1:18123",
                "redis://127.0.0.1:16379"), endpoints);
    }

    @Test
    void sluiceStackDirPointsAtAnotherDataDir(@TempDir Path otherStack) throws IOException {
        Files.writeString(otherStack.resolve("endpoints.properties"),
                "kafka.bootstrap=127.0.0.1:29092\nregistry.url=http://127.0.0.1:28081/apis/ccompat/v7\nclickhouse.url=http://127.0.0.1:28123\n"
                        + "redis.url=redis://127.0.0.1:26379\n");

        StackEndpoints endpoints = resolver(Map.of("SLUICE_STACK_DIR", otherStack.toString()), new FakeContainers(false)).resolve();

        assertEquals("127.0.0.1:29092", endpoints.kafkaBootstrap());
    }

    @Test
    void failsWithHowToStartTheStackWhenNothingRunsAndThereIsNoDocker() throws IOException {
        writeEndpointsFile();
        probe.dead.add("127.0.0.1:19092");
        probe.dead.add("http://127.0.0.1:18123");

        StackUnavailableException e = assertThrows(StackUnavailableException.class,
                () -> resolver(Map.of(), new FakeContainers(false)).resolve());

        String message = e.getMessage();
        assertTrue(message.contains("Kafka: the local stack's 127.0.0.1:19092"), message);
        assertTrue(message.contains("ClickHouse: the local stack's http://127.0.0.1:18123"), message);
        assertTrue(message.contains("Connection refused"), message);
        assertTrue(message.contains("no Docker engine"), message);
        assertTrue(message.contains("bin/sluice stack up"), message);
        assertTrue(!message.contains("Schema registry"), "the registry answered and is not a problem: " + message);
    }

    @Test
    void failsWhenThereIsNoStackFileAtAll() throws IOException {
        Files.createDirectories(repo.resolve("bin"));
        Files.writeString(repo.resolve("bin").resolve("sluice"), "#!/bin/sh\n");

        StackUnavailableException e = assertThrows(StackUnavailableException.class,
                () -> resolver(Map.of(), new FakeContainers(false)).resolve());

        assertTrue(e.getMessage().contains("no SLUICE_KAFKA set and no running local stack"), e.getMessage());
        assertTrue(e.getMessage().contains(repo.resolve("var/stack/endpoints.properties") + " does not exist"), e.getMessage());
    }

    @Test
    void saysSoWhenNoRepositoryRootIsFound() {
        StackUnavailableException e = assertThrows(StackUnavailableException.class,
                () -> resolver(Map.of(), new FakeContainers(false)).resolve());

        assertTrue(e.getMessage().contains("no repository root with bin/sluice above"), e.getMessage());
    }

    @Test
    void startsContainersOnlyForWhatIsMissingWhenDockerIsThere() throws IOException {
        writeEndpointsFile();
        probe.dead.add("http://127.0.0.1:18123");
        FakeContainers containers = new FakeContainers(true);

        StackEndpoints endpoints = resolver(Map.of(), containers).resolve();

        assertEquals(Set.of(StackPart.CLICKHOUSE), containers.startedFor);
        assertEquals("container-clickhouse", endpoints.clickhouseUrl());
        assertEquals("127.0.0.1:19092", endpoints.kafkaBootstrap());
    }

    @Test
    void aDeadEnvironmentEndpointFailsAtOnceInsteadOfFallingBackToContainers() {
        probe.dead.add("kafka.example:9092");
        Map<String, String> env = new HashMap<>(Map.of("SLUICE_KAFKA", "kafka.example:9092"));
        ContainerFallback mustNotBeUsed = new ContainerFallback() {
            @Override
            public boolean available() {
                return fail("containers must not be considered when an explicit endpoint is dead");
            }

            @Override
            public Map<StackPart, String> start(Set<StackPart> parts) {
                return fail("containers must not be started");
            }
        };

        StackUnavailableException e = assertThrows(StackUnavailableException.class, () -> resolver(env, mustNotBeUsed).resolve());

        assertTrue(e.getMessage().contains("SLUICE_KAFKA=kafka.example:9092 does not answer"), e.getMessage());
    }

    private EndpointResolver resolver(Map<String, String> env, ContainerFallback containers) {
        return new EndpointResolver(env, repo, probe, () -> containers);
    }

    private void writeEndpointsFile() throws IOException {
        Files.createDirectories(repo.resolve("bin"));
        Files.writeString(repo.resolve("bin").resolve("sluice"), "#!/bin/sh\n");
        Path stackDir = Files.createDirectories(repo.resolve("var").resolve("stack"));
        Files.writeString(stackDir.resolve("endpoints.properties"), """
                kafka.bootstrap=127.0.0.1:19092
                registry.url=http://127.0.0.1:18081/apis/ccompat/v7
                clickhouse.url=http://127.0.0.1:18123
                redis.url=redis://127.0.0.1:16379
                """);
    }
}
