package dev.sluice.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One server of the local stack, as {@code up}, {@code down} and {@code status} need to see it. */
interface StackService {

    /** Short name used in output, pid and log file names. */
    String name();

    /** What clients connect to; also the value written to endpoints.properties. */
    String address();

    /** The key of {@link #address()} in endpoints.properties (read by test-support's RealStack). */
    String endpointsKey();

    /** Every port the server binds; all must be free before it is started. */
    List<StackPorts.Port> ports();

    HealthCheck healthCheck();

    /**
     * A string that occurs in the server's command line and nowhere else: a path inside this stack's data dir. It
     * ties a pid file to the process we started, so we never signal a stranger that inherited the pid.
     */
    String marker();

    /** Installs what is missing, (re)writes the server's configuration and returns how to launch it. */
    ProcessSupervisor.Launch prepare(PrintWriter out);

    /** The files whose tail explains a failed start, most telling first. */
    List<Path> logFiles();

    /** How long a slow machine may take from launch to healthy. */
    default Duration typicalStartup() {
        return Duration.ofSeconds(30);
    }
}
