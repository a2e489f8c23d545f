package dev.sluice.bench;

import java.lang.management.ManagementFactory;

/**
 * One measured stretch: wall-clock seconds and the CPU seconds this JVM spent meanwhile (all its threads: Spark's
 * tasks, the driver, JIT and GC). On a shared machine the wall clock says how long it took HERE AND NOW; CPU seconds
 * say how much work it was, which barely moves with other processes' load, so comparisons of two runs use both.
 * CPU is -1 where the JVM cannot report it.
 */
public record Lap(double seconds, double cpuSeconds) {

    /** Starts a lap; {@link Start#stop()} ends it. */
    public static Start start() {
        return new Start(System.nanoTime(), processCpuNanos());
    }

    public record Start(long wallNanos, long cpuNanos) {
        public Lap stop() {
            long cpu = processCpuNanos();
            return new Lap((System.nanoTime() - wallNanos) / 1e9, cpu < 0 || cpuNanos < 0 ? -1 : (cpu - cpuNanos) / 1e9);
        }
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
