package dev.sluice.replay;

import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

import dev.sluice.console.LiveView;
import dev.sluice.console.Progress;

import java.time.Duration;
import java.util.List;

/**
 * How a replay step is going, in the shared {@link LiveView} (redrawn on a terminal, a plain line every 10 s
 * otherwise): records read so far (estimated from the share of Spark tasks done; each task is one Kafka offset range
 * of one partition, or a shuffle partition), rate and time left. Runs on a daemon thread for one step.
 */
public final class ReplayProgress implements AutoCloseable {

    private final Thread thread;
    private final LiveView view;
    private volatile boolean done;

    private ReplayProgress(SparkStatusTracker tracker, String what, long totalRecords, Duration every, LiveView view) {
        long started = System.nanoTime();
        this.view = view;
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
                long records = Math.round(totalRecords * ((double) completed / tasks));
                view.show(List.of("  " + Progress.line(what, records, totalRecords, "records (estimated from tasks " + completed + "/" + tasks + ")",
                        records / Math.max(seconds, 0.001), -1)));
            }
        }, "replay-progress");
        thread.setDaemon(true);
    }

    /** Progress on stderr, like every command's, so stdout carries only the results. */
    public static ReplayProgress start(SparkStatusTracker tracker, String what, long totalRecords) {
        ReplayProgress progress = new ReplayProgress(tracker, what, totalRecords, Duration.ofSeconds(1), LiveView.onStderr(Duration.ofSeconds(10)));
        progress.thread.start();
        return progress;
    }

    @Override
    public void close() {
        done = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        view.clear();
        view.close();
    }
}
