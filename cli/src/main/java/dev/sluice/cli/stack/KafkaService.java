package dev.sluice.cli.stack;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one JVM), run from the Maven Central jars of
 * {@code kafka_2.13:${stack.kafka.version}}: no Kafka distribution and no Docker needed.
 */
final class KafkaService implements StackService {

    private final StackLayout layout;
    private final PomProperties versions;
    private final StackArtifacts artifacts;

    KafkaService(StackLayout layout, PomProperties versions, StackArtifacts artifacts) {
        this.layout = layout;
        this.versions = versions;
        this.artifacts = artifacts;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return StackLayout.HOST + ":" + layout.ports().kafka();
    }

    @Override
    public String endpointsKey() {
        return "kafka.bootstrap";
    }

    @Override
    public List<StackPorts.Port> ports() {
        return List.of(StackPorts.Port.KAFKA, StackPorts.Port.KAFKA_CONTROLLER);
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.kafkaCluster(address());
    }

    @Override
    public String marker() {
        return serverProperties().toString();
    }

    @Override
    public List<Path> logFiles() {
        return List.of(log());
    }

    @Override
    public ProcessSupervisor.Launch prepare(PrintWriter out) {
        Path libs = artifacts.kafkaLibs(versions.require("stack.kafka.version"));
        StackLayout.createDirectories(dataDir());
        write(serverProperties(), serverPropertiesText());
        write(log4jProperties(), LOG4J_PROPERTIES);
        String classpath = libs + "/*";  // a JVM wildcard keeps the command line (and ps output) short
        formatStorageOnce(out, classpath);
        return new ProcessSupervisor.Launch(
                List.of(StackLayout.javaExecutable().toString(), "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-Djava.awt.headless=true", "-Dlog4j.configuration=file:" + log4jProperties(),
                        "-cp", classpath, "kafka.Kafka", serverProperties().toString()),
                Map.of(), dir(), log(), marker());
    }

    /** KRaft refuses to start on unformatted log dirs; formatting again would mint a new cluster id, so only once. */
    private void formatStorageOnce(PrintWriter out, String classpath) {
        if (Files.isRegularFile(dataDir().resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        out.printf("%-10s  formatting KRaft storage in %s (cluster id %s)%n", name(), dataDir(), clusterId);
        out.flush();
        int exit = ForegroundCommand.run(
                List.of(StackLayout.javaExecutable().toString(), "-Xmx256m", "-Dlog4j.configuration=file:" + log4jProperties(),
                        "-cp", classpath, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                        "-t", clusterId, "-c", serverProperties().toString()),
                Map.of(), dir(), log(), Duration.ofMinutes(2));
        if (exit != 0) {
            LogTail.print(out, log(), 30);
            throw new StackException("Formatting Kafka's storage failed (exit " + exit + "); see " + log() + ".");
        }
    }

    private String serverPropertiesText() {
        StackPorts ports = layout.ports();
        String host = StackLayout.HOST;
        return String.join(System.lineSeparator(),
                "# Written by `bin/sluice stack up` on every start; edits here are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + ports.kafkaController(),
                "listeners=PLAINTEXT://" + host + ":" + ports.kafka() + ",CONTROLLER://" + host + ":" + ports.kafkaController(),
                "advertised.listeners=PLAINTEXT://" + host + ":" + ports.kafka(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=1",
                "default.replication.factor=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "# Topics are created explicitly (AdminClient / the pipeline's topic setup), as in production. A typo in a",
                "# topic name must fail, not silently create a second, empty topic.",
                "auto.create.topics.enable=false",
                "");
    }

    private static final String LOG4J_PROPERTIES = String.join(System.lineSeparator(),
            "# Everything to stdout, which bin/sluice stack up appends to logs/kafka.log.",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
            "log4j.logger.kafka.request.logger=WARN",
            "log4j.logger.state.change.logger=WARN",
            "log4j.logger.kafka.log.LogCleaner=WARN",
            "log4j.logger.org.apache.kafka.raft=WARN",
            "");

    private Path dir() {
        return layout.serviceDir("kafka");
    }

    private Path dataDir() {
        return dir().resolve("data");
    }

    private Path serverProperties() {
        return dir().resolve("server.properties");
    }

    private Path log4jProperties() {
        return dir().resolve("log4j.properties");
    }

    private Path log() {
        return layout.logFile("kafka.log");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
