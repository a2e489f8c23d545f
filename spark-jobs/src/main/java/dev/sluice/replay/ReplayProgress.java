package dev.sluice.replay;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Prints how a replay step is going every few seconds: Spark tasks done (each task is one Kafka offset range of one
 * partition, or a shuffle partition), records read so far (estimated from the share of reading tasks done), rate and
 * time left. Runs on a daemon thread for the duration of one step.
 */
public final class ReplayProgress implements AutoCloseable {

    private final Thread thread;
    private volatile boolean done;

    private ReplayProgress(SparkStatusTracker tracker, String what, long totalRecords, Duration every, PrintStream out) {
        long started = System.nanoTime();
        this.thread = new Thread(() -> {
            while (!done) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                int tasks = 0;
                int completed = 0;
                for (int stageId : tracker.getActiveStageIds()) {
                    SparkStageInfo stage = tracker.getStageInfo(stageId).getOrElse(() -> null);
                    if (stage != null) {
                        tasks += stage.numTasks();
                        completed += stage.numCompletedTasks();
                    }
                }
                if (done || tasks == 0) {
                    continue;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double share = (double) completed / tasks;
                long records = Math.round(totalRecords * share);
                double rate = records / Math.max(seconds, 0.001);
                String eta = share > 0 ? String.format("%.0f s", seconds / share - seconds) : "?";
                out.printf("  %s: tasks %d/%d (%.0f%%), ~%,d of %,d records, ~%,.0f records/s, ETA %s%n",
                        what, completed, tasks, share * 100, records, totalRecords, rate, eta);
            }
        }, "replay-progress");
        thread.setDaemon(true);
    }

    public static ReplayProgress start(SparkStatusTracker tracker, String what, long totalRecords, PrintStream out) {
        ReplayProgress progress = new ReplayProgress(tracker, what, totalRecords, Duration.ofSeconds(3), out);
        progress.thread.start();
        return progress;
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
    }
}
