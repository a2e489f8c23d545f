package dev.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on: figures only compare between runs on like machines, and a busy machine (load
 * average above the core count: other builds, other stacks) explains a slow run.
 */
public record Machine(int cores, long memoryBytes, long jvmMaxHeapBytes, String os, String loadAverageAtStart) {

    public static Machine probe() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory, Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages (Linux), or "unknown". */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB memory, JVM max heap %.1f GiB, %s", cores, memoryBytes / 1073741824.0,
                jvmMaxHeapBytes / 1073741824.0, os);
    }
}
