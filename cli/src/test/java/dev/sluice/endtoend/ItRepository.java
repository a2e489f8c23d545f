package dev.sluice.endtoend;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.StackEndpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A throwaway copy of the repository's {@code config/}, {@code environments/} and {@code schemas/} with an {@code it}
 * overlay that points the shipped domains at the test's services: its own ClickHouse database, topics named for this
 * run only (so a rerun never reads an earlier run's records), checkpoints inside the copy, a free metrics port and
 * small micro-batches. The child job runs with {@code SLUICE_HOME} set to {@link #home()}, so it loads exactly the
 * config the test loads.
 */
final class ItRepository {

    static final String ENVIRONMENT = "it";
    private static final Path SOURCE = Path.of("..").toAbsolutePath().normalize();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the overlay sets besides the endpoints. */
    record Settings(String domain, long maxOffsetsPerTrigger, Duration trigger, int partitions) {
    }

    private final Path home;
    private final String runId;
    private final int metricsPort;
    private final String database;

    private ItRepository(Path home, String runId, int metricsPort, String database) {
        this.home = home;
        this.runId = runId;
        this.metricsPort = metricsPort;
        this.database = database;
    }

    static ItRepository create(Path directory, StackEndpoints stack, ClickHouseTestDatabase db, Settings settings) {
        if (!Files.isRegularFile(SOURCE.resolve(ConfigLoader.PLATFORM_FILE))) {
            throw new IllegalStateException("the test must run from a module directory of the repository (found no "
                    + ConfigLoader.PLATFORM_FILE + " in " + SOURCE + ")");
        }
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String runId = HexFormat.of().formatHex(suffix);
        ItRepository repository = new ItRepository(directory, runId, freePort(), db.name());
        copyTree(SOURCE.resolve("config"), directory.resolve("config"));
        copyTree(SOURCE.resolve("environments"), directory.resolve("environments"));
        copyTree(SOURCE.resolve(SchemaFiles.DIRECTORY), directory.resolve(SchemaFiles.DIRECTORY));
        // Topic names depend on the domain's event types, so the base config is loaded once without the overlay's topics.
        DomainConfig base = ConfigLoader.forRepository(directory).load("dev").domain(settings.domain());
        repository.writeOverlay(stack, db, settings, base);
        return repository;
    }

    Path home() {
        return home;
    }

    String runId() {
        return runId;
    }

    int metricsPort() {
        return metricsPort;
    }

    String database() {
        return database;
    }

    Path checkpoints() {
        return home.resolve("var").resolve("checkpoints");
    }

    Path logs() {
        return home.resolve("var").resolve("log");
    }

    SluiceConfig load() {
        return ConfigLoader.forRepository(home).load(ENVIRONMENT);
    }

    private void writeOverlay(StackEndpoints stack, ClickHouseTestDatabase db, Settings settings, DomainConfig base) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by ").append(ItRepository.class.getSimpleName()).append(" for one integration test run.\n");
        yaml.append("platform:\n");
        yaml.append("  kafka: { bootstrapServers: ").append(quote(stack.kafkaBootstrap())).append(" }\n");
        yaml.append("  registry: { url: ").append(quote(stack.registryUrl())).append(" }\n");
        yaml.append("  clickhouse: { url: ").append(quote(db.serverUrl())).append(", database: ").append(db.name())
                .append(", insertRetry: { maxAttempts: 3, initialBackoff: 200ms, maxBackoff: 1s } }\n");
        yaml.append("  spark:\n");
        yaml.append("    master: \"local[2]\"\n");
        yaml.append("    shufflePartitions: 2\n");
        yaml.append("    triggerInterval: ").append(settings.trigger().toMillis()).append("ms\n");
        yaml.append("    maxOffsetsPerTrigger: ").append(settings.maxOffsetsPerTrigger()).append('\n');
        yaml.append("    conf: { spark.ui.enabled: \"false\", spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1 }\n");
        yaml.append("  checkpoints: { location: ").append(quote(checkpoints().toString())).append(" }\n");
        yaml.append("  metrics: { enabled: true, port: ").append(metricsPort).append(" }\n");
        yaml.append("domains:\n");
        yaml.append("  ").append(base.name()).append(":\n");
        yaml.append("    events:\n");
        for (EventTypeConfig event : base.events().values()) {
            yaml.append("      ").append(event.name()).append(": { topic: ").append(topicFor(event))
                    .append(", partitions: ").append(settings.partitions()).append(" }\n");
        }
        try {
            Files.writeString(home.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(ENVIRONMENT + ".yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code e2e_<run>_<event type>}: letters, digits and underscores, valid for Kafka and as a registry subject. */
    private String topicFor(EventTypeConfig event) {
        return ("e2e_" + runId + "_" + event.name()).toLowerCase(Locale.ROOT);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port for the job's metrics endpoint", e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to + " failed", e);
        }
    }
}
