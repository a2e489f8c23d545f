package dev.sluice.cli.stack;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Options shared by {@code stack up|down|status}. Each value is taken from, in order: the command-line option, the
 * environment variable, what the last {@code up} recorded in {@code ports.properties} (so {@code status} and
 * {@code down} find a stack started with other ports), then the default.
 */
final class StackOptions {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory for all stack state (env SLUICE_STACK_DIR; default <repo>/var/stack).")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", description = "Kafka broker port (env SLUICE_STACK_KAFKA_PORT; default 19092).")
    Integer kafkaPort;

    @Option(names = "--kafka-controller-port", paramLabel = "PORT",
            description = "Kafka KRaft controller port (env SLUICE_STACK_KAFKA_CONTROLLER_PORT; default 19093).")
    Integer kafkaControllerPort;

    @Option(names = "--registry-port", paramLabel = "PORT",
            description = "Schema registry HTTP port (env SLUICE_STACK_REGISTRY_PORT; default 18081).")
    Integer registryPort;

    @Option(names = "--clickhouse-http-port", paramLabel = "PORT",
            description = "ClickHouse HTTP port (env SLUICE_STACK_CLICKHOUSE_HTTP_PORT; default 18123).")
    Integer clickHouseHttpPort;

    @Option(names = "--clickhouse-native-port", paramLabel = "PORT",
            description = "ClickHouse native protocol port (env SLUICE_STACK_CLICKHOUSE_NATIVE_PORT; default 19000).")
    Integer clickHouseNativePort;

    @Option(names = "--clickhouse-interserver-port", paramLabel = "PORT",
            description = "ClickHouse interserver HTTP port (env SLUICE_STACK_CLICKHOUSE_INTERSERVER_PORT; default 19009).")
    Integer clickHouseInterserverPort;

    @Option(names = "--redis-port", paramLabel = "PORT", description = "Redis port (env SLUICE_STACK_REDIS_PORT; default 16379).")
    Integer redisPort;

    private final Map<String, String> env;

    StackOptions() {
        this(System.getenv());
    }

    StackOptions(Map<String, String> env) {
        this.env = env;
    }

    StackLayout layout() {
        Path home = home();
        Path dir = (dataDir != null ? dataDir
                : env.containsKey("SLUICE_STACK_DIR") ? Path.of(env.get("SLUICE_STACK_DIR"))
                : home.resolve("var").resolve("stack")).toAbsolutePath().normalize();
        Properties recorded = readRecordedPorts(dir.resolve("ports.properties"));
        return new StackLayout(home, dir, StackPorts.of(port -> resolve(port, recorded)));
    }

    private int resolve(StackPorts.Port port, Properties recorded) {
        Integer fromOption = explicitPorts().get(port);
        if (fromOption != null) {
            return checked(fromOption, port.option);
        }
        String fromEnv = env.get(port.envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(parse(fromEnv, port.envVar), port.envVar);
        }
        String fromFile = recorded.getProperty(port.propertyKey);
        if (fromFile != null) {
            return checked(parse(fromFile, port.propertyKey), port.propertyKey);
        }
        return StackPorts.DEFAULTS.get(port);
    }

    private Map<StackPorts.Port, Integer> explicitPorts() {
        Map<StackPorts.Port, Integer> ports = new EnumMap<>(StackPorts.Port.class);
        ports.put(StackPorts.Port.KAFKA, kafkaPort);
        ports.put(StackPorts.Port.KAFKA_CONTROLLER, kafkaControllerPort);
        ports.put(StackPorts.Port.REGISTRY, registryPort);
        ports.put(StackPorts.Port.CLICKHOUSE_HTTP, clickHouseHttpPort);
        ports.put(StackPorts.Port.CLICKHOUSE_NATIVE, clickHouseNativePort);
        ports.put(StackPorts.Port.CLICKHOUSE_INTERSERVER, clickHouseInterserverPort);
        ports.put(StackPorts.Port.REDIS, redisPort);
        return ports;
    }

    private Path home() {
        String home = env.getOrDefault("SLUICE_HOME", System.getProperty("sluice.home"));
        if (home == null || home.isBlank()) {
            throw new StackException("SLUICE_HOME is not set. Run this through bin/sluice, which sets it to the repository root.");
        }
        Path path = Path.of(home).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path.resolve("stack").resolve("pom.xml"))) {
            throw new StackException("SLUICE_HOME=" + path + " is not the Sluice repository root (no stack/pom.xml there).");
        }
        return path;
    }

    private static Properties readRecordedPorts(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return properties;
    }

    private static int parse(String value, String source) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new StackException(source + "=" + value + " is not a port number.");
        }
    }

    private static int checked(int port, String source) {
        if (port < 1 || port > 65535) {
            throw new StackException(source + "=" + port + " is not a valid TCP port (1-65535).");
        }
        return port;
    }
}
