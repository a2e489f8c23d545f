package dev.sluice.bench;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.topics.KafkaAdmins;
import dev.sluice.topics.TopicApplier;
import dev.sluice.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The services side of {@link BenchConfig}: creates the run's topics and a fresh bench database with the domain's
 * tables, and removes both (and the checkpoints) when the run ends, unless asked to keep them for inspection.
 */
public final class BenchSandbox implements AutoCloseable {

    private final SluiceConfig config;
    private final DomainConfig domain;
    private final Path home;
    private final Path workDirectory;
    private final boolean keep;
    private final PrintStream out;

    private BenchSandbox(SluiceConfig config, DomainConfig domain, Path home, Path workDirectory, boolean keep, PrintStream out) {
        this.config = config;
        this.domain = domain;
        this.home = home;
        this.workDirectory = workDirectory;
        this.keep = keep;
        this.out = out;
    }

    /** Creates topics, database and tables; the work directory is {@code <home>/var/bench/<runId>}. */
    public static BenchSandbox create(SluiceConfig base, String domainName, Path home, String runId, boolean keep, PrintStream out) {
        Path work = home.resolve("var").resolve("bench").resolve(runId);
        SluiceConfig config = BenchConfig.isolate(base, domainName, runId, work);
        BenchSandbox sandbox = new BenchSandbox(config, config.domain(domainName), home, work, keep, out);
        try {
            Files.createDirectories(work);
            sandbox.createTopics();
            sandbox.createTables();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the benchmark work directory " + work + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    public SluiceConfig config() {
        return config;
    }

    public DomainConfig domain() {
        return domain;
    }

    public Path home() {
        return home;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public ClickHouseConfig clickhouse() {
        return config.platform().clickhouse();
    }

    public List<String> topics() {
        return domain.events().values().stream().map(EventTypeConfig::topic).toList();
    }

    private void createTopics() {
        try (Admin admin = KafkaAdmins.create(config.platform().kafka())) {
            List<TopicSpec> specs = domain.events().values().stream().map(TopicSpec::of).toList();
            new TopicApplier(admin, config.platform().kafka().bootstrapServers()).apply(specs, false);
        }
        out.println("  topics " + String.join(", ", topics()));
    }

    private void createTables() {
        try (ClickHouseConnection connection = ClickHouseConnection.open(clickhouse())) {
            connection.execute("DROP DATABASE IF EXISTS " + Sql.identifier(clickhouse().database()) + onCluster());
            new DdlApplier(connection, clickhouse()).apply(List.of(domain));
        }
        out.println("  ClickHouse database " + clickhouse().database() + " (dropped and created afresh)");
    }

    private String onCluster() {
        String cluster = clickhouse().cluster();
        return cluster == null || cluster.isBlank() ? "" : " ON CLUSTER " + Sql.identifier(cluster);
    }

    /** Removes what the run created, unless {@code keep}; failures are reported, not thrown (the results stand). */
    @Override
    public void close() {
        if (keep) {
            out.println("kept for inspection: topics " + topics() + ", database " + clickhouse().database() + ", checkpoints " + workDirectory);
            return;
        }
        try (Admin admin = KafkaAdmins.create(config.platform().kafka())) {
            admin.deleteTopics(topics()).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("warning: could not delete the benchmark topics " + topics() + " (delete them by hand): " + e.getMessage());
        }
        try (ClickHouseConnection connection = ClickHouseConnection.open(clickhouse())) {
            connection.execute("DROP DATABASE IF EXISTS " + Sql.identifier(clickhouse().database()) + onCluster());
        } catch (RuntimeException e) {
            out.println("warning: could not drop the benchmark database " + clickhouse().database() + ": " + e.getMessage());
        }
        deleteRecursively(workDirectory);
    }

    private void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            out.println("warning: could not delete " + directory + ": " + e.getMessage());
        }
    }
}
