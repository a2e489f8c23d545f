package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Apicurio Registry, used only through its Confluent-compatible API ({@code /apis/ccompat/v7}) so that Confluent
 * Schema Registry, Karapace or Redpanda can replace it. Its storage is an H2 file in the data dir: the default
 * in-memory store would forget schemas on restart while Kafka keeps messages that carry their ids.
 */
final class RegistryService implements StackService {

    static final String CONFLUENT_API_PATH = "/apis/ccompat/v7";

    private final StackLayout layout;
    private final PomProperties versions;
    private final StackArtifacts artifacts;

    RegistryService(StackLayout layout, PomProperties versions, StackArtifacts artifacts) {
        this.layout = layout;
        this.versions = versions;
        this.artifacts = artifacts;
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public String address() {
        return "http://" + StackLayout.HOST + ":" + layout.ports().registry() + CONFLUENT_API_PATH;
    }

    @Override
    public String endpointsKey() {
        return "registry.url";
    }

    @Override
    public List<StackPorts.Port> ports() {
        return List.of(StackPorts.Port.REGISTRY);
    }

    @Override
    public HealthCheck healthCheck() {
        return HealthCheck.http(URI.create(address() + "/subjects"), null);
    }

    @Override
    public String marker() {
        return appDir().toString();
    }

    @Override
    public List<Path> logFiles() {
        return List.of(log());
    }

    @Override
    public ProcessSupervisor.Launch prepare(PrintWriter out) {
        Path app = artifacts.registryApp(versions.require("stack.apicurio.version"));
        Path runnerJar = runnerJar(app);
        return new ProcessSupervisor.Launch(
                List.of(StackLayout.javaExecutable().toString(), "-Xmx512m", "-jar", runnerJar.toString()),
                Map.of(
                        "QUARKUS_HTTP_HOST", StackLayout.HOST,
                        "QUARKUS_HTTP_PORT", Integer.toString(layout.ports().registry()),
                        // Apicurio 2.x reads REGISTRY_DATASOURCE_URL; persistent, unlike its in-memory default.
                        "REGISTRY_DATASOURCE_URL", "jdbc:h2:file:" + dir().resolve("db")),
                dir(), log(), marker());
    }

    private static Path runnerJar(Path app) {
        try (Stream<Path> files = Files.list(app)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new StackException("No *-runner.jar in " + app + "; delete that directory and run "
                            + "`bin/sluice stack up` again to unpack the registry afresh."));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + app, e);
        }
    }

    private Path dir() {
        return layout.serviceDir("registry");
    }

    private Path appDir() {
        return dir().resolve("app");
    }

    private Path log() {
        return layout.logFile("registry.log");
    }
}
