package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack of its own, for fault tests and {@code bin/sluice chaos}: Kafka, the schema registry and ClickHouse as
 * {@code bin/sluice stack up} runs them (same configuration code), but in a data dir of its own on free ports, so
 * that stopping, killing and restarting one of them disturbs nothing else on the machine (the developer's stack,
 * other tests). Data survives a stop: Kafka's log, the registry's H2 file and ClickHouse's tables stay in the data dir.
 *
 * <p>Downloads are shared, not repeated: the Kafka jars and the unpacked registry of the regular stack
 * ({@code SLUICE_STACK_DIR}, default {@code <repo>/var/stack}) are linked when that stack has resolved them.
 */
public final class PrivateStack implements AutoCloseable {

    /** The services, in start order. */
    public enum Service {
        KAFKA("kafka"), REGISTRY("registry"), CLICKHOUSE("clickhouse"), REDIS("redis");

        final String serviceName;

        Service(String serviceName) {
            this.serviceName = serviceName;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final PrintWriter out;
    private final Map<Service, StackService> services = new EnumMap<>(Service.class);

    private PrivateStack(LocalStack stack, PrintWriter out) {
        this.stack = stack;
        this.out = out;
        for (StackService service : stack.services()) {
            for (Service s : Service.values()) {
                if (s.serviceName.equals(service.name())) {
                    services.put(s, service);
                }
            }
        }
    }

    /**
     * @param home    the repository root (holds pom.xml and stack/pom.xml)
     * @param dataDir this stack's directory; created if missing
     * @param out     where progress lines go
     */
    public static PrivateStack create(Path home, Path dataDir, PrintWriter out) {
        return create(home, dataDir, out, "");
    }

    /** @param clickHousePassword the password of ClickHouse's default user ("" for none) */
    public static PrivateStack create(Path home, Path dataDir, PrintWriter out, String clickHousePassword) {
        Path dir = dataDir.toAbsolutePath().normalize();
        StackLayout.createDirectories(dir);
        StackLayout layout = new StackLayout(home.toAbsolutePath().normalize(), dir, freePorts());
        shareDownloads(layout, sharedStackDir(home));
        return new PrivateStack(LocalStack.of(layout, out, clickHousePassword), out);
    }

    /** The regular stack's data dir, whose downloads are reused. */
    static Path sharedStackDir(Path home) {
        String configured = System.getenv("SLUICE_STACK_DIR");
        return configured != null && !configured.isBlank() ? Path.of(configured) : home.resolve("var").resolve("stack");
    }

    public Path dataDir() {
        return stack.layout().dataDir();
    }

    public String kafkaBootstrap() {
        return services.get(Service.KAFKA).address();
    }

    public String registryUrl() {
        return services.get(Service.REGISTRY).address();
    }

    public String clickHouseUrl() {
        return services.get(Service.CLICKHOUSE).address();
    }

    public String redisUrl() {
        return services.get(Service.REDIS).address();
    }

    /** Starts each given service that is not running and waits until all of them answer. */
    public PrivateStack start(Service... which) {
        List<StackService> launched = new ArrayList<>();
        for (Service s : which) {
            StackService service = services.get(s);
            if (process(s).isPresent()) {
                continue;
            }
            awaitPortsFree(service);
            ProcessSupervisor.Launch launch = service.prepare(out);
            long pid = stack.supervisor().start(service.name(), launch);
            out.printf("%-10s  started (pid %d, log %s)%n", service.name(), pid, launch.logFile());
            out.flush();
            launched.add(service);
        }
        for (StackService service : launched) {
            awaitHealthy(service);
        }
        return this;
    }

    /** SIGTERM, then SIGKILL if it has not exited within 30 s. */
    public void stop(Service s) {
        process(s).ifPresent(p -> {
            stack.supervisor().stop(services.get(s).name(), p, STOP_GRACE);
            out.printf("%-10s  stopped (pid %d)%n", services.get(s).name(), p.pid());
            out.flush();
        });
    }

    /** SIGKILL: no clean shutdown. */
    public void kill(Service s) {
        process(s).ifPresent(p -> {
            stack.supervisor().kill(services.get(s).name(), p);
            out.printf("%-10s  killed (SIGKILL, pid %d)%n", services.get(s).name(), p.pid());
            out.flush();
        });
    }

    public boolean running(Service s) {
        return process(s).isPresent();
    }

    /** Stops every service, the clients of Kafka first. */
    @Override
    public void close() {
        List<Service> reversed = new ArrayList<>(List.of(Service.values()));
        java.util.Collections.reverse(reversed);
        RuntimeException first = null;
        for (Service s : reversed) {
            try {
                stop(s);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Optional<ProcessHandle> process(Service s) {
        StackService service = services.get(s);
        return stack.supervisor().running(service.name(), service.marker());
    }

    private void awaitHealthy(StackService service) {
        long started = System.nanoTime();
        long deadline = started + START_TIMEOUT.toNanos();
        HealthCheck.Result last = null;
        while (System.nanoTime() < deadline) {
            last = service.healthCheck().probe(LocalStack.PROBE_TIMEOUT);
            if (last.healthy()) {
                out.printf("%-10s  healthy after %.1f s at %s%n", service.name(), (System.nanoTime() - started) / 1e9, service.address());
                out.flush();
                return;
            }
            if (stack.supervisor().running(service.name(), service.marker()).isEmpty()) {
                throw new StackException(service.name() + " exited without answering; the end of its log:" + logTails(service));
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + service.name());
            }
        }
        throw new StackException(service.name() + " did not answer within " + START_TIMEOUT.toSeconds() + " s (last check: "
                + (last == null ? "none" : last.detail()) + "); see " + service.logFiles());
    }

    /**
     * A restarted service gets the ports it had, and something else may hold one meanwhile (a service of ours still
     * shutting down, another program): wait a while for them rather than start a process that cannot bind and exits.
     */
    private void awaitPortsFree(StackService service) {
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            List<Integer> busy = service.ports().stream().map(p -> stack.layout().ports().get(p)).filter(PortCheck::inUse).toList();
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(service.name() + " cannot start: port(s) " + busy + " on " + StackLayout.HOST
                        + " are still in use after " + PORT_WAIT.toSeconds() + " s (see `ss -ltnp`)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for the ports of " + service.name());
            }
        }
    }

    private static String logTails(StackService service) {
        StringBuilder tails = new StringBuilder();
        for (Path log : service.logFiles()) {
            tails.append(System.lineSeparator()).append("---- ").append(log).append(" ----");
            if (Files.isRegularFile(log)) {
                LogTail.lastLines(log, 20).forEach(line -> tails.append(System.lineSeparator()).append("| ").append(line));
            } else {
                tails.append(System.lineSeparator()).append("(no log file)");
            }
        }
        return tails.toString();
    }

    /** Seven ports the OS reports free right now, all different. */
    private static StackPorts freePorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[7];
            for (int i = 0; i < ports.length; i++) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getByName(StackLayout.HOST), 0));
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on " + StackLayout.HOST, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a bound, unconnected socket does not fail in practice
                }
            }
        }
    }

    /** Links the regular stack's resolved Kafka jars and unpacked registry, when it has them and this stack has not. */
    private static void shareDownloads(StackLayout layout, Path shared) {
        for (String relative : List.of("kafka/libs", "registry/app")) {
            Path source = shared.toAbsolutePath().normalize().resolve(relative);
            Path target = layout.dataDir().resolve(relative);
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(source)
                    || source.equals(target)) {
                continue;
            }
            try {
                StackLayout.createDirectories(target.getParent());
                Files.createSymbolicLink(target, source);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + target + " to " + source, e);
            }
        }
    }
}
