package dev.sluice.cli.chaos;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.schema.SchemaFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code config/}, {@code environments/} and {@code schemas/} with one more environment,
 * {@value #ENVIRONMENT}, that points the domains at a private stack: its endpoints, checkpoints inside the copy, a free
 * metrics port, small micro-batches and a short ClickHouse retry (so an outage longer than a few seconds goes through
 * the job's query restarts, the path worth exercising). Child commands run with {@code SLUICE_HOME} set to
 * {@link #home()}, so they load exactly this config; the real repository is never written to.
 */
final class ScratchRepository {

    static final String ENVIRONMENT = "chaos";

    /** Where the overlay points the pipeline. */
    record Endpoints(String kafka, String registry, String clickHouse) {
    }

    private final Path home;

    private ScratchRepository(Path home) {
        this.home = home;
    }

    static ScratchRepository create(Path source, Path directory, String domain, Endpoints endpoints, int partitions) {
        copyTree(source.resolve("config"), directory.resolve("config"));
        copyTree(source.resolve("environments"), directory.resolve("environments"));
        copyTree(source.resolve(SchemaFiles.DIRECTORY), directory.resolve(SchemaFiles.DIRECTORY));
        ScratchRepository repository = new ScratchRepository(directory);
        DomainConfig base = ConfigLoader.forRepository(directory).allowingMissingSecrets().load("dev").domain(domain);
        repository.writeOverlay(base, endpoints, partitions);
        return repository;
    }

    Path home() {
        return home;
    }

    Path logs() {
        return home.resolve("var").resolve("log");
    }

    SluiceConfig load() {
        return ConfigLoader.forRepository(home).load(ENVIRONMENT);
    }

    private void writeOverlay(DomainConfig base, Endpoints endpoints, int partitions) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by bin/sluice chaos for one run against its private stack.\n");
        yaml.append("platform:\n");
        yaml.append("  kafka: { bootstrapServers: ").append(quote(endpoints.kafka())).append(" }\n");
        yaml.append("  registry: { url: ").append(quote(endpoints.registry())).append(" }\n");
        yaml.append("  clickhouse: { url: ").append(quote(endpoints.clickHouse()))
                .append(", insertRetry: { maxAttempts: 3, initialBackoff: 200ms, maxBackoff: 1s } }\n");
        yaml.append("  spark:\n");
        yaml.append("    master: \"local[2]\"\n");
        yaml.append("    shufflePartitions: 2\n");
        yaml.append("    triggerInterval: 2s\n");
        yaml.append("    maxOffsetsPerTrigger: 2000\n");
        yaml.append("    conf: { spark.ui.enabled: \"false\", spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1 }\n");
        yaml.append("  checkpoints: { location: ").append(quote(home.resolve("var").resolve("checkpoints").toString())).append(" }\n");
        yaml.append("  metrics: { enabled: true, port: ").append(freePort()).append(" }\n");
        yaml.append("domains:\n");
        yaml.append("  ").append(base.name()).append(":\n");
        yaml.append("    events:\n");
        for (EventTypeConfig event : base.events().values()) {
            yaml.append("      ").append(event.name()).append(": { partitions: ").append(partitions).append(" }\n");
        }
        try {
            Files.writeString(home.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(ENVIRONMENT + ".yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
