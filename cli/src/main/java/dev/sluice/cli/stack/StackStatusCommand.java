package dev.sluice.cli.stack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each service's address, pid and health (healthy / unhealthy / stopped).",
                "Exits 0 only when all four are healthy, so scripts can use `bin/sluice stack status && ...`."})
final class StackStatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            PrintWriter out = spec.commandLine().getOut();
            LocalStack stack = LocalStack.of(options.layout(), out);
            out.println("Local stack in " + stack.layout().dataDir());
            List<LocalStack.ServiceStatus> statuses = stack.statuses();
            StatusTable.print(out, statuses);
            return statuses.stream().allMatch(s -> s.health() == LocalStack.Health.HEALTHY) ? 0 : 1;
        } catch (StackException e) {
            return StackCommand.fail(spec, e);
        }
    }
}
