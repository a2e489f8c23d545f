package dev.sluice.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU nanoseconds next to JMH's wall-clock score. On a shared 2-core machine the wall time per record moves with the
 * neighbours' load; the CPU time the work itself took much less. JMH reports both counters per iteration
 * ({@code cpuNanos}, {@code records}); their ratio is the CPU time per record (README "Performance").
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class CpuCounters {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long cpuNanos;
    public long records;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        records = 0;
    }

    /** This thread's CPU time: for work done on the benchmark thread itself. */
    static long threadCpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The whole JVM's CPU time: for Spark jobs, whose tasks run on executor threads (plus their JIT and GC). */
    static long processCpu() {
        return OS.getProcessCpuTime();
    }

    void add(long cpuStart, long cpuEnd, int count) {
        cpuNanos += cpuEnd - cpuStart;
        records += count;
    }
}
