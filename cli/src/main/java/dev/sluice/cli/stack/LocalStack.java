package dev.sluice.cli.stack;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The services of one data dir (Kafka, registry, ClickHouse, Redis), and what each of them is doing right now. */
final class LocalStack {

    /** Short enough that {@code status} stays snappy when everything is down. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final StackLayout layout;
    private final List<StackService> services;
    private final ProcessSupervisor supervisor;

    private LocalStack(StackLayout layout, List<StackService> services) {
        this.layout = layout;
        this.services = services;
        this.supervisor = new ProcessSupervisor(layout.pidDir());
    }

    static LocalStack of(StackLayout layout, PrintWriter out) {
        return of(layout, out, "");
    }

    /** @param clickHousePassword the ClickHouse default user's password ("" for none) */
    static LocalStack of(StackLayout layout, PrintWriter out, String clickHousePassword) {
        PomProperties versions = PomProperties.read(layout.rootPom());
        StackArtifacts artifacts = new StackArtifacts(layout, out);
        return new LocalStack(layout, List.of(
                new KafkaService(layout, versions, artifacts),
                new RegistryService(layout, versions, artifacts),
                new ClickHouseService(layout, new ClickHouseInstallation(layout, out), clickHousePassword),
                new RedisService(layout, new NativeInstallation(layout, out, NativeInstallation.REDIS))));
    }

    StackLayout layout() {
        return layout;
    }

    /** In start order: Kafka first, as the registry and pipelines are its clients. */
    List<StackService> services() {
        return services;
    }

    ProcessSupervisor supervisor() {
        return supervisor;
    }

    enum Health { HEALTHY, UNHEALTHY, STOPPED }

    /**
     * @param process the process this stack started, if it is alive
     * @param probe   the answer of the service's health check
     */
    record ServiceStatus(StackService service, Optional<ProcessHandle> process, HealthCheck.Result probe) {

        Health health() {
            if (probe.healthy()) {
                return Health.HEALTHY;
            }
            return process.isPresent() ? Health.UNHEALTHY : Health.STOPPED;
        }

        /** Healthy, but nothing this stack started: another stack or a system service answers on our port. */
        boolean foreign() {
            return probe.healthy() && process.isEmpty();
        }
    }

    ServiceStatus status(StackService service) {
        Optional<ProcessHandle> process = supervisor.running(service.name(), service.marker());
        return new ServiceStatus(service, process, service.healthCheck().probe(PROBE_TIMEOUT));
    }

    /** Probes all services at once, so a stopped stack costs one probe timeout, not four. */
    List<ServiceStatus> statuses() {
        List<CompletableFuture<ServiceStatus>> probes = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> status(service)))
                .toList();
        return probes.stream().map(CompletableFuture::join).toList();
    }
}
