package dev.sluice.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts service processes detached from this JVM and stops them again, knowing them only by the pid files it wrote.
 *
 * <p>Safety rule: a pid is only ever signalled when the process behind it is still the one we started. Pids get
 * reused, so a pid alone is not proof: the pid file also records the process's start time, and a live process with
 * that pid and that start time is ours (the kernel's start time survives the {@code exec}s of setsid and of the
 * service's launcher). The command line is not used for that: while a process is inside {@code execve} its
 * {@code /proc/<pid>/cmdline} reads empty, which happens right after every start (observed in 38 of 40 starts of
 * {@code setsid redis-server}), and Redis rewrites its own. Pid files from before the start time was recorded fall
 * back to the service's marker in the command line. Nothing is ever looked up or killed by name.
 */
final class ProcessSupervisor {

    private static final Path DEV_NULL = Path.of("/dev/null");

    private final Path pidDir;

    ProcessSupervisor(Path pidDir) {
        this.pidDir = pidDir;
    }

    /** What a service needs to be launched. {@code marker} must appear in {@code command} and be unique to this stack. */
    record Launch(List<String> command, Map<String, String> environment, Path workDir, Path logFile, String marker) {
        Launch {
            if (command.stream().noneMatch(arg -> arg.contains(marker))) {
                throw new IllegalArgumentException("marker " + marker + " does not occur in the command " + command);
            }
        }
    }

    /**
     * Launches the process in its own session ({@code setsid}), stdin from /dev/null and output appended to the log
     * file, then records its pid. In its own session it survives this JVM exiting and the terminal's Ctrl-C or hangup.
     */
    long start(String service, Launch launch) {
        List<String> command = new ArrayList<>();
        // setsid(1) execs in place when the caller is not a process-group leader, which a child of this JVM never
        // is, so Process.pid() is the service's own pid.
        setsidExecutable().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL.toFile()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().putAll(launch.environment());
        try {
            StackLayout.createDirectories(launch.logFile().getParent());
            Files.writeString(launch.logFile(), "---- " + java.time.Instant.now() + " starting: " + String.join(" ", command)
                    + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = builder.start();
            writePidFile(service, new PidFile(process.pid(), startMillis(process.toHandle())));
            return process.pid();
        } catch (IOException e) {
            throw new StackException("Cannot start " + service + " (" + String.join(" ", launch.command()) + "): " + e.getMessage(), e);
        }
    }

    /** The live process this stack started for the service, if any. Removes a pid file that no longer points at it. */
    Optional<ProcessHandle> running(String service, String marker) {
        Optional<PidFile> recorded = readPidFile(service);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(recorded.get().pid()).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && isTheRecordedProcess(handle.get(), recorded.get(), marker)) {
            return handle;
        }
        deletePidFile(service);
        return Optional.empty();
    }

    private static boolean isTheRecordedProcess(ProcessHandle process, PidFile recorded, String marker) {
        if (recorded.startMillis().isPresent()) {
            return startMillis(process).equals(recorded.startMillis());
        }
        return commandLine(process).contains(marker);
    }

    /** When the process started, in ms since the epoch, as the kernel keeps it; empty where the OS does not say. */
    static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    /** What a pid file holds: the pid and, written since pids were checked by start time, when that process started. */
    record PidFile(long pid, Optional<Long> startMillis) {

        String text() {
            return startMillis.map(start -> pid + " " + start).orElse(Long.toString(pid)) + System.lineSeparator();
        }

        static Optional<PidFile> parse(String text) {
            String[] fields = text.trim().split("\\s+");
            try {
                return Optional.of(new PidFile(Long.parseLong(fields[0]),
                        fields.length > 1 ? Optional.of(Long.parseLong(fields[1])) : Optional.empty()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited within {@code grace}.
     *
     * @return true if it had to be killed
     */
    boolean stop(String service, ProcessHandle process, Duration grace) {
        boolean killed = false;
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
            killed = true;
        }
        if (process.isAlive()) {
            throw new StackException(service + " (pid " + process.pid() + ") is still running after SIGKILL; check `ps -p "
                    + process.pid() + "`.");
        }
        deletePidFile(service);
        return killed;
    }

    /** SIGKILL at once, no chance to shut down cleanly: what a crash or an OOM kill looks like to the others. */
    void kill(String service, ProcessHandle process) {
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        if (process.isAlive()) {
            throw new StackException(service + " (pid " + process.pid() + ") is still running after SIGKILL; check `ps -p "
                    + process.pid() + "`.");
        }
        deletePidFile(service);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The full command line; /proc is read directly on Linux because it is never truncated. */
    static String commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ');
            } catch (IOException e) {
                return "";  // the process exited between the check and the read
            }
        }
        return process.info().commandLine().orElse("");
    }

    private Path pidFile(String service) {
        return pidDir.resolve(service + ".pid");
    }

    private void writePidFile(String service, PidFile pidFile) throws IOException {
        StackLayout.createDirectories(pidDir);
        Path tmp = pidDir.resolve(service + ".pid.tmp");
        Files.writeString(tmp, pidFile.text());
        Files.move(tmp, pidFile(service), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Optional<PidFile> readPidFile(String service) {
        Path file = pidFile(service);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return PidFile.parse(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void deletePidFile(String service) {
        try {
            Files.deleteIfExists(pidFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pidFile(service), e);
        }
    }

    private static Optional<Path> setsidExecutable() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            File candidate = new File(dir, "setsid");
            if (candidate.canExecute()) {
                return Optional.of(candidate.toPath());
            }
        }
        return Optional.empty();
    }
}
