package dev.sluice.cli.stack;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the ClickHouse server binary, installing Debian's package when that is possible without asking anyone
 * (running as root on Debian/Ubuntu). ClickHouse is a native program: Maven cannot provide it.
 */
final class ClickHouseInstallation {

    static final String BINARY_ENV = "SLUICE_STACK_CLICKHOUSE_BIN";

    private final StackLayout layout;
    private final PrintWriter out;

    ClickHouseInstallation(StackLayout layout, PrintWriter out) {
        this.layout = layout;
        this.out = out;
    }

    /**
     * The command prefix that starts a server: {@code [clickhouse-server]}, or {@code [clickhouse, server]} for the
     * single multi-tool binary that current ClickHouse releases ship.
     */
    List<String> serverCommand() {
        Optional<Path> binary = locate();
        if (binary.isEmpty() && canInstallWithApt()) {
            installWithApt();
            binary = locate();
        }
        Path found = binary.orElseThrow(() -> new StackException(String.join(System.lineSeparator(),
                "ClickHouse server not found (looked for clickhouse-server on PATH and in /usr/sbin, /usr/bin, /usr/local/bin).",
                "Install it, then run `bin/sluice stack up` again:",
                "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y clickhouse-server clickhouse-client",
                "  elsewhere:      https://clickhouse.com/docs/install",
                "or point " + BINARY_ENV + " at a clickhouse-server (or clickhouse) binary.")));
        return found.getFileName().toString().equals("clickhouse")
                ? List.of(found.toString(), "server")
                : List.of(found.toString());
    }

    private static Optional<Path> locate() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new StackException(BINARY_ENV + "=" + configured + " is not an executable file.");
            }
            return Optional.of(path);
        }
        Set<String> dirs = new LinkedHashSet<>();
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            dirs.addAll(List.of(pathVariable.split(File.pathSeparator)));
        }
        // sbin is often not on a normal user's PATH, and Debian puts clickhouse-server there.
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "clickhouse-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean canInstallWithApt() {
        return "root".equals(System.getProperty("user.name"))
                && Files.isRegularFile(Path.of("/etc/debian_version"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get"));
    }

    private void installWithApt() {
        Path log = layout.logFile("apt-clickhouse.log");
        out.printf("%-10s  clickhouse-server is not installed; installing it with apt-get (a minute or two; log: %s)%n", "clickhouse", log);
        out.flush();
        Map<String, String> environment = Map.of("DEBIAN_FRONTEND", "noninteractive");
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("apt-get", "update"));
        steps.add(List.of("apt-get", "install", "-y", "clickhouse-server", "clickhouse-client"));
        for (List<String> step : steps) {
            int exit = ForegroundCommand.run(step, environment, layout.home(), log, Duration.ofMinutes(20));
            if (exit != 0) {
                LogTail.print(out, log, 30);
                throw new StackException("`" + String.join(" ", step) + "` failed (exit " + exit + "); see " + log
                        + ". Install clickhouse-server and clickhouse-client yourself, then run `bin/sluice stack up` again.");
            }
        }
    }
}
