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
 * Finds a native server binary of the stack (ClickHouse, Redis: Maven cannot provide them), installing Debian's
 * packages when that is possible without asking anyone (running as root on Debian/Ubuntu).
 */
final class NativeInstallation {

    /** What to look for and how to install it. */
    record Spec(String label, String binary, String binaryEnv, List<String> packages, String elsewhere) {
    }

    static final Spec CLICKHOUSE = new Spec("clickhouse", "clickhouse-server", "SLUICE_STACK_CLICKHOUSE_BIN",
            List.of("clickhouse-server", "clickhouse-client"), "https://clickhouse.com/docs/install");
    static final Spec REDIS = new Spec("redis", "redis-server", "SLUICE_STACK_REDIS_BIN", List.of("redis-server"),
            "https://redis.io/docs/latest/operate/oss_and_stack/install/");

    private final StackLayout layout;
    private final PrintWriter out;
    private final Spec spec;

    NativeInstallation(StackLayout layout, PrintWriter out, Spec spec) {
        this.layout = layout;
        this.out = out;
        this.spec = spec;
    }

    /** The binary: found, or installed with apt-get and then found; else a message saying how to install it. */
    Path binary() {
        Optional<Path> binary = locate();
        if (binary.isEmpty() && canInstallWithApt()) {
            installWithApt();
            binary = locate();
        }
        return binary.orElseThrow(() -> new StackException(String.join(System.lineSeparator(),
                spec.binary() + " not found (looked on PATH and in /usr/sbin, /usr/bin, /usr/local/sbin, /usr/local/bin).",
                "Install it, then run `bin/sluice stack up` again:",
                "  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y " + String.join(" ", spec.packages()),
                "  elsewhere:      " + spec.elsewhere(),
                "or point " + spec.binaryEnv() + " at a " + spec.binary() + " binary.")));
    }

    private Optional<Path> locate() {
        String configured = System.getenv(spec.binaryEnv());
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!Files.isExecutable(path)) {
                throw new StackException(spec.binaryEnv() + "=" + configured + " is not an executable file.");
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
            Path candidate = Path.of(dir, spec.binary());
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
        Path log = layout.logFile("apt-" + spec.label() + ".log");
        out.printf("%-10s  %s is not installed; installing it with apt-get (a minute or two; log: %s)%n", spec.label(), spec.binary(), log);
        out.flush();
        Map<String, String> environment = Map.of("DEBIAN_FRONTEND", "noninteractive");
        List<List<String>> steps = new ArrayList<>();
        steps.add(List.of("apt-get", "update"));
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y"));
        install.addAll(spec.packages());
        steps.add(install);
        for (List<String> step : steps) {
            int exit = ForegroundCommand.run(step, environment, layout.home(), log, Duration.ofMinutes(20));
            if (exit != 0) {
                LogTail.print(out, log, 30);
                throw new StackException("`" + String.join(" ", step) + "` failed (exit " + exit + "); see " + log
                        + ". Install " + String.join(" and ", spec.packages()) + " yourself, then run `bin/sluice stack up` again.");
            }
        }
    }
}
