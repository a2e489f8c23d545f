package dev.sluice.cli.scratch;

import dev.sluice.checkpoint.CheckpointLayout;
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
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A throwaway copy of a repository's {@code config/}, {@code environments/} and {@code schemas/} with one more
 * environment, the {@link Overlay}'s, that points one domain at other services: their endpoints, checkpoints inside the
 * copy, a free metrics port, small micro-batches and a short ClickHouse insert retry (so an outage longer than a few
 * seconds goes through the job's query restarts, the path worth exercising). Child commands ({@link CliProcess}) run
 * with {@code SLUICE_HOME} set to {@link #home()}, so they load exactly this config; the source repository is never
 * written to. Used by {@code bin/sluice chaos} and by the end-to-end tests.
 */
public final class ScratchRepository {

    /**
     * Where the overlay points the pipeline; {@code clickHouseDatabase} null keeps the config's database, {@code redis}
     * null the config's Redis. With a topic prefix, the Redis keys get it too ({@code redis.keyPrefix}), so runs that
     * share one Redis never see each other's features.
     */
    public record Endpoints(String kafka, String registry, String clickHouse, String clickHouseDatabase, String redis) {
    }

    /**
     * The overlay environment.
     *
     * @param writtenBy   who wrote it, for the file's first line
     * @param topicPrefix null keeps the config's topic names; otherwise every event type of the domain reads
     *                    {@code <prefix><event type>} in lower case (so a rerun never reads an earlier run's records)
     */
    public record Overlay(String environment, String writtenBy, String domain, Endpoints endpoints, Duration trigger,
                          long maxOffsetsPerTrigger, int partitions, String topicPrefix) {
    }

    private final Path home;
    private final String environment;
    private final int metricsPort;

    private ScratchRepository(Path home, String environment, int metricsPort) {
        this.home = home;
        this.environment = environment;
        this.metricsPort = metricsPort;
    }

    /** Copies {@code source}'s config into {@code directory} and writes the overlay there. */
    public static ScratchRepository create(Path source, Path directory, Overlay overlay) {
        if (!Files.isRegularFile(source.resolve(ConfigLoader.PLATFORM_FILE))) {
            throw new IllegalStateException(source + " is not a Sluice repository (it has no " + ConfigLoader.PLATFORM_FILE
                    + "); a bug in the caller, which must name the repository root");
        }
        copyTree(source.resolve("config"), directory.resolve("config"));
        copyTree(source.resolve("environments"), directory.resolve("environments"));
        copyTree(source.resolve(SchemaFiles.DIRECTORY), directory.resolve(SchemaFiles.DIRECTORY));
        ScratchRepository repository = new ScratchRepository(directory, overlay.environment(), freePort());
        // Only the event types are needed (the overlay sets each one's partitions, maybe its topic), so secrets may be
        // missing here; loading the overlay environment (load(), the child commands) checks them.
        DomainConfig base = ConfigLoader.forRepository(directory).allowingMissingSecrets().load("dev").domain(overlay.domain());
        repository.writeOverlay(overlay, base);
        return repository;
    }

    public Path home() {
        return home;
    }

    /** The overlay's environment, for {@code --env}. */
    public String environment() {
        return environment;
    }

    /** Where the job serves its metrics. */
    public int metricsPort() {
        return metricsPort;
    }

    public Path checkpoints() {
        return home.resolve("var").resolve("checkpoints");
    }

    /** Where child commands write their logs ({@code -Dsluice.log.dir}) and callers put their output. */
    public Path logs() {
        return home.resolve("var").resolve("log");
    }

    /** Where the job keeps an aggregation's checkpoint (the layout the job and {@code bin/sluice status} share). */
    public Path checkpoint(SluiceConfig config, String domain, String aggregation) {
        return Path.of(CheckpointLayout.queryLocation(config.platform().checkpoints(), home, config.environment(), domain, aggregation));
    }

    /** The overlay environment's config, secrets required. */
    public SluiceConfig load() {
        return ConfigLoader.forRepository(home).load(environment);
    }

    private void writeOverlay(Overlay overlay, DomainConfig base) {
        Endpoints endpoints = overlay.endpoints();
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Written by ").append(overlay.writtenBy()).append(".\n");
        yaml.append("platform:\n");
        yaml.append("  kafka: { bootstrapServers: ").append(quote(endpoints.kafka())).append(" }\n");
        yaml.append("  registry: { url: ").append(quote(endpoints.registry())).append(" }\n");
        yaml.append("  clickhouse: { url: ").append(quote(endpoints.clickHouse()));
        if (endpoints.clickHouseDatabase() != null) {
            yaml.append(", database: ").append(endpoints.clickHouseDatabase());
        }
        yaml.append(", insertRetry: { maxAttempts: 3, initialBackoff: 200ms, maxBackoff: 1s } }\n");
        if (endpoints.redis() != null || overlay.topicPrefix() != null) {
            yaml.append("  redis: { ");
            if (endpoints.redis() != null) {
                yaml.append("url: ").append(quote(endpoints.redis())).append(", ");
            }
            if (overlay.topicPrefix() != null) {
                yaml.append("keyPrefix: ").append(quote(overlay.topicPrefix().replaceAll("_+$", ""))).append(", ");
            }
            yaml.append("writeRetry: { maxAttempts: 3, initialBackoff: 200ms, maxBackoff: 1s } }\n");
        }
        yaml.append("  spark:\n");
        yaml.append("    master: \"local[2]\"\n");
        yaml.append("    shufflePartitions: 2\n");
        yaml.append("    triggerInterval: ").append(overlay.trigger().toMillis()).append("ms\n");
        yaml.append("    maxOffsetsPerTrigger: ").append(overlay.maxOffsetsPerTrigger()).append('\n');
        yaml.append("    conf: { spark.ui.enabled: \"false\", spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1 }\n");
        yaml.append("  checkpoints: { location: ").append(quote(checkpoints().toString())).append(" }\n");
        yaml.append("  metrics: { enabled: true, port: ").append(metricsPort).append(" }\n");
        yaml.append("domains:\n");
        yaml.append("  ").append(base.name()).append(":\n");
        yaml.append("    events:\n");
        for (EventTypeConfig event : base.events().values()) {
            yaml.append("      ").append(event.name()).append(": { ");
            if (overlay.topicPrefix() != null) {
                yaml.append("topic: ").append((overlay.topicPrefix() + event.name()).toLowerCase(Locale.ROOT)).append(", ");
            }
            yaml.append("partitions: ").append(overlay.partitions()).append(" }\n");
        }
        try {
            Files.writeString(home.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve(environment + ".yaml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + environment + " overlay into " + home, e);
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
