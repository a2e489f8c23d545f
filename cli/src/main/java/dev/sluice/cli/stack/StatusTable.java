package dev.sluice.cli.stack;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Renders service statuses as an aligned, human-readable table. */
final class StatusTable {

    private StatusTable() {
    }

    static void print(PrintWriter out, List<LocalStack.ServiceStatus> statuses) {
        String format = "%-11s %-45s %-8s %s%n";
        out.printf(format, "SERVICE", "ADDRESS", "PID", "HEALTH");
        for (LocalStack.ServiceStatus status : statuses) {
            String pid = status.process().map(p -> Long.toString(p.pid())).orElse("-");
            out.printf(format, status.service().name(), status.service().address(), pid, describe(status));
        }
        out.flush();
    }

    private static String describe(LocalStack.ServiceStatus status) {
        String health = status.health().name().toLowerCase(Locale.ROOT);
        if (status.foreign()) {
            return health + " (not started by this stack)";
        }
        if (status.health() == LocalStack.Health.UNHEALTHY) {
            return health + " (" + status.probe().detail() + ")";
        }
        return health;
    }
}
