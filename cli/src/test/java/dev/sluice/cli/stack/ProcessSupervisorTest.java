package dev.sluice.cli.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real processes: started detached with a pid file, recognised by pid and start time, stopped by pid. */
class ProcessSupervisorTest {

    @TempDir
    Path dir;

    @Test
    void startsDetachedFindsByPidFileAndStops() throws IOException {
        ProcessSupervisor supervisor = new ProcessSupervisor(dir.resolve("run"));
        Path marker = dir.resolve("sleeper-marker");
        Path log = dir.resolve("logs").resolve("sleeper.log");
        // bash -c with the marker as $0: the marker shows in the command line, as a config path does for real services.
        ProcessSupervisor.Launch launch = new ProcessSupervisor.Launch(
                List.of("bash", "-c", "echo output-$((6 * 7)); while true; do sleep 0.2; done", marker.toString()), Map.of(), dir, log, marker.toString());

        long pid = supervisor.start("sleeper", launch);
        try {
            Path pidFile = dir.resolve("run").resolve("sleeper.pid");
            long startMillis = ProcessSupervisor.startMillis(ProcessHandle.of(pid).orElseThrow()).orElseThrow();
            assertEquals(pid + " " + startMillis, Files.readString(pidFile).trim(), "the pid and when that process started");
            awaitOutput(log, "output-42");  // its output goes to the log file
            Optional<ProcessHandle> running = supervisor.running("sleeper", marker.toString());
            assertTrue(running.isPresent(), "started process is found through its pid file");
            assertEquals(pid, running.get().pid());
            assertTrue(ProcessSupervisor.commandLine(running.get()).contains(marker.toString()));
            // Its own session: setsid made it the leader, so a terminal's Ctrl-C does not reach it.
            assertSessionLeader(pid);

            // The command line is not what identifies it: it reads empty while a process is inside execve.
            assertTrue(supervisor.running("sleeper", "some-other-marker").isPresent(), "same pid, same start time: ours");

            // A pid file from before start times were recorded falls back to the marker in the command line.
            Files.writeString(pidFile, pid + "\n");
            assertTrue(supervisor.running("sleeper", marker.toString()).isPresent(), "an old pid file with the marker: ours");
            assertFalse(supervisor.running("sleeper", "some-other-marker").isPresent(),
                    "an old pid file whose process's command line lacks the marker is not ours");
            assertFalse(Files.exists(pidFile), "so its pid file is dropped");

            // The same pid with another start time is a reused pid: not ours, never signalled.
            Files.writeString(pidFile, pid + " " + (startMillis - 60_000) + "\n");
            assertFalse(supervisor.running("sleeper", marker.toString()).isPresent(), "a reused pid is not ours");
            assertFalse(Files.exists(pidFile), "so its pid file is dropped");
        } finally {
            ProcessHandle.of(pid).ifPresent(p -> {
                if (p.isAlive()) {
                    new ProcessSupervisor(dir.resolve("run")).stop("sleeper", p, Duration.ofSeconds(5));
                }
            });
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped");
    }

    @Test
    void stopEscalatesToKillWhenTermIsIgnored() {
        ProcessSupervisor supervisor = new ProcessSupervisor(dir.resolve("run"));
        String marker = dir.resolve("stubborn").toString();
        ProcessSupervisor.Launch launch = new ProcessSupervisor.Launch(
                // The log's header line repeats the command, so wait for text only the running script can produce.
                List.of("bash", "-c", "trap '' TERM; echo armed-$((6 * 7)); while true; do sleep 0.2; done", marker),
                Map.of(), dir, dir.resolve("stubborn.log"), marker);
        long pid = supervisor.start("stubborn", launch);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        awaitOutput(dir.resolve("stubborn.log"), "armed-42");

        boolean killed = supervisor.stop("stubborn", process, Duration.ofMillis(500));

        assertTrue(killed, "SIGTERM was ignored, so it took SIGKILL");
        assertFalse(process.isAlive());
    }

    /**
     * A service's launcher may exec what it starts (setsid does, Java's launcher may, Redis rewrites its title), and
     * during an execve the command line reads empty: the process stays ours throughout, checked as fast as we can.
     */
    @Test
    void staysRecognisedWhileItExecsIntoAnotherCommandLine() throws IOException {
        ProcessSupervisor supervisor = new ProcessSupervisor(dir.resolve("run"));
        String marker = dir.resolve("execer").toString();
        // Sleeps a moment, then execs into a command line without the marker.
        ProcessSupervisor.Launch launch = new ProcessSupervisor.Launch(
                List.of("bash", "-c", "sleep 0.3; exec sleep 30", marker), Map.of(), dir, dir.resolve("execer.log"), marker);
        long pid = supervisor.start("execer", launch);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            int checks = 0;
            while (System.nanoTime() < deadline) {
                assertTrue(supervisor.running("execer", marker).isPresent(), "lost track of pid " + pid + " after " + checks + " checks");
                checks++;
            }
            assertFalse(ProcessSupervisor.commandLine(ProcessHandle.of(pid).orElseThrow()).contains(marker),
                    "the check must have covered the exec into a command line without the marker");
        } finally {
            ProcessHandle.of(pid).ifPresent(p -> supervisor.stop("execer", p, Duration.ofSeconds(5)));
        }
    }

    private static void assertSessionLeader(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isReadable(stat) || !Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return;  // not Linux or no setsid: nothing to check
        }
        String[] fields = Files.readString(stat).substring(Files.readString(stat).lastIndexOf(')') + 2).split(" ");
        assertEquals(String.valueOf(pid), fields[3], "session id == pid");
    }

    private static void awaitOutput(Path log, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(log) && Files.readString(log).contains(text)) {
                    return;
                }
                Thread.sleep(50);
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no '" + text + "' in " + log);
    }
}
