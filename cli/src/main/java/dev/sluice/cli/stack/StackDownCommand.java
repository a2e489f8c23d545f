package dev.sluice.cli.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stops the services this stack started, found through the pid files in <data dir>/run.",
                "SIGTERM first, SIGKILL after --timeout. Processes it did not start are never touched. Data is kept."})
final class StackDownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds each service gets to shut down cleanly before it is killed (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            PrintWriter out = spec.commandLine().getOut();
            LocalStack stack = LocalStack.of(options.layout(), out);
            out.println("Local stack in " + stack.layout().dataDir());
            List<StackService> reversed = new ArrayList<>(stack.services());
            Collections.reverse(reversed);  // clients of Kafka go first
            try (StackLock lock = StackLock.acquire(stack.layout())) {
                for (StackService service : reversed) {
                    stop(stack, service, out);
                }
            }
            return 0;
        } catch (StackException e) {
            return StackCommand.fail(spec, e);
        }
    }

    private void stop(LocalStack stack, StackService service, PrintWriter out) {
        Optional<ProcessHandle> process = stack.supervisor().running(service.name(), service.marker());
        if (process.isEmpty()) {
            boolean answers = service.healthCheck().probe(Duration.ofSeconds(2)).healthy();
            out.printf("%-10s  %s%n", service.name(), answers
                    ? "answers at " + service.address() + " but was not started by this stack (no pid file); left alone"
                    : "not running");
            out.flush();
            return;
        }
        long pid = process.get().pid();
        out.printf("%-10s  stopping pid %d ...%n", service.name(), pid);
        out.flush();
        long started = System.nanoTime();
        boolean killed = stack.supervisor().stop(service.name(), process.get(), Duration.ofSeconds(timeoutSeconds));
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("%-10s  %s%n", service.name(), killed
                ? String.format("did not stop within %d s after SIGTERM; killed (SIGKILL)", timeoutSeconds)
                : String.format("stopped in %.1f s", seconds));
        out.flush();
    }
}
