package dev.sluice.cli.stack;

import dev.sluice.cli.shared.Output;
import dev.sluice.console.Summary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts whatever is not already running and waits until every service really answers.",
                "Idempotent: healthy services are left alone. First run downloads Kafka and the registry with Maven"
                        + " (and installs ClickHouse and Redis with apt-get when running as root on Debian/Ubuntu).",
                "On success writes <data dir>/endpoints.properties."})
final class StackUpCommand implements Callable<Integer> {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 25;

    @Mixin
    StackOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "Seconds each service may take from launch until it answers (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    /** A service that was launched (now or by an earlier {@code up}) and has not answered yet. */
    private record Pending(StackService service, ProcessHandle process, boolean startedNow, long launchedAtNanos) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            long started = System.nanoTime();
            LocalStack stack = LocalStack.of(options.layout(), out);
            StackLayout layout = stack.layout();
            if (Output.verbose()) {
                out.println("Local stack in " + layout.dataDir());
            }
            try (StackLock lock = StackLock.acquire(layout)) {
                return up(stack, out, started);
            }
        } catch (StackException e) {
            return StackCommand.fail(spec, e);
        }
    }

    private int up(LocalStack stack, PrintWriter out, long started) {
        StackLayout layout = stack.layout();
        refuseToChangePortsUnderRunningServices(stack);
        StackLayout.createDirectories(layout.dataDir());
        recordPorts(layout);

        boolean ok = true;
        List<Pending> pending = new ArrayList<>();
        for (LocalStack.ServiceStatus status : stack.statuses()) {
            StackService service = status.service();
            try {
                launchUnlessRunning(stack, status, out).ifPresent(pending::add);
            } catch (StackException e) {
                report(out, service, "FAILED: " + e.getMessage());
                ok = false;
            }
        }
        for (Pending p : pending) {
            ok &= awaitHealthy(stack, p, out);
        }
        if (!ok) {
            out.println();
            out.println("Stack is NOT up; see the messages above. Fix the cause and run `bin/sluice stack up` again"
                    + " (services that are healthy stay as they are).");
            out.flush();
            return 1;
        }
        Path endpoints = EndpointsFile.write(layout, stack.services());
        double seconds = (System.nanoTime() - started) / 1e9;
        stack.services().forEach(s -> Summary.put(s.name(), s.address()));
        if (!Output.verbose()) {
            out.printf("stack up: %s (healthy, %.1f s)%n", stack.services().stream().map(s -> s.name() + " " + s.address())
                    .collect(java.util.stream.Collectors.joining(", ")), seconds);
            return 0;
        }
        out.printf("%nStack is up (%.1f s). Endpoints: %s%n", seconds, endpoints);
        StatusTable.print(out, stack.statuses());
        return 0;
    }

    private Optional<Pending> launchUnlessRunning(LocalStack stack, LocalStack.ServiceStatus status, PrintWriter out) {
        StackService service = status.service();
        if (status.health() == LocalStack.Health.HEALTHY) {
            report(out, service, status.foreign()
                    ? "already answering at " + service.address() + ", not started by this stack (another stack or a"
                    + " system service on this port); left alone"
                    : "already healthy (pid " + status.process().orElseThrow().pid() + ")");
            return Optional.empty();
        }
        if (status.process().isPresent()) {
            ProcessHandle process = status.process().get();
            report(out, service, "running as pid " + process.pid() + " but not answering yet; waiting for it");
            return Optional.of(new Pending(service, process, false, System.nanoTime()));
        }
        List<StackPorts.Port> busy = service.ports().stream().filter(p -> PortCheck.inUse(stack.layout().ports().get(p))).toList();
        if (!busy.isEmpty()) {
            String ports = busy.stream().map(p -> stack.layout().ports().get(p) + " (" + p.option + " / " + p.envVar + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
            throw new StackException("in use by another program that does not answer as " + service.name() + ": port "
                    + ports + ". Stop that program, or give this stack other ports (see `bin/sluice stack up --help`).");
        }
        ProcessSupervisor.Launch launch = service.prepare(out);
        long pid = stack.supervisor().start(service.name(), launch);
        report(out, service, "started (pid " + pid + ", log " + launch.logFile() + ")");
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new StackException(
                service.name() + " exited immediately; see " + launch.logFile() + "."));
        return Optional.of(new Pending(service, process, true, System.nanoTime()));
    }

    private boolean awaitHealthy(LocalStack stack, Pending p, PrintWriter out) {
        StackService service = p.service();
        long deadline = p.launchedAtNanos() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        report(out, service, "waiting until it answers at " + service.address() + " ...");
        while (true) {
            HealthCheck.Result result = service.healthCheck().probe(LocalStack.PROBE_TIMEOUT);
            double elapsed = (System.nanoTime() - p.launchedAtNanos()) / 1e9;
            if (result.healthy()) {
                report(out, service, String.format("healthy after %.1f s (%s)", elapsed, result.detail()));
                return true;
            }
            if (!p.process().isAlive()) {
                report(out, service, "FAILED: the process (pid " + p.process().pid() + ") exited without answering");
                printLogTails(service, out);
                return false;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                report(out, service, String.format("FAILED: no answer within %d s (last check: %s)", timeoutSeconds, result.detail()));
                printLogTails(service, out);
                if (p.startedNow()) {
                    stack.supervisor().stop(service.name(), p.process(), Duration.ofSeconds(10));
                    report(out, service, "stopped the process again (pid " + p.process().pid() + ") so the next `up` starts afresh;"
                            + " a slow machine may need --timeout");
                } else {
                    report(out, service, "it was started before this run; `bin/sluice stack down` stops it");
                }
                return false;
            }
            if (now >= nextProgress) {
                report(out, service, String.format("still starting (%.0f s; %s)", elapsed, result.detail()));
                nextProgress = now + PROGRESS_INTERVAL.toNanos();
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Restarting one service on new ports under its running siblings would leave a half-moved stack. */
    private static void refuseToChangePortsUnderRunningServices(LocalStack stack) {
        StackLayout layout = stack.layout();
        Path file = layout.portsFile();
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties recorded = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            recorded.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        boolean anyRunning = stack.services().stream()
                .anyMatch(s -> stack.supervisor().running(s.name(), s.marker()).isPresent());
        if (anyRunning && !recorded.equals(layout.ports().toProperties())) {
            throw new StackException("the stack in " + layout.dataDir() + " is running with the ports recorded in " + file
                    + "; to change ports run `bin/sluice stack down` first.");
        }
    }

    private static void recordPorts(StackLayout layout) {
        try (OutputStream outFile = Files.newOutputStream(layout.portsFile())) {
            layout.ports().toProperties().store(outFile, "Ports of this stack, written by `bin/sluice stack up`; status and down read them");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + layout.portsFile(), e);
        }
    }

    private static void printLogTails(StackService service, PrintWriter out) {
        for (Path log : service.logFiles()) {
            if (Files.isRegularFile(log)) {
                LogTail.print(out, log, LOG_TAIL_LINES);
            }
        }
        out.flush();
    }

    /** A step of one service; under --quiet only failures (the closing line says the rest). */
    private static void report(PrintWriter out, StackService service, String message) {
        if (!Output.verbose() && !message.startsWith("FAILED")) {
            return;
        }
        out.printf("%-10s  %s%n", service.name(), message);
        out.flush();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the stack to start");
        }
    }
}
