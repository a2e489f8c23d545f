package dev.sluice.generate.run;

import dev.sluice.generate.EventPlan;

import java.io.PrintStream;
import java.time.Duration;

/** Prints progress every few seconds on stderr: events/s overall and recently, acknowledged, totals per topic. */
final class ProgressReporter implements AutoCloseable {

    private final RunStats stats;
    private final EventSink sink;
    private final PrintStream out;
    private final String label;
    private final long intervalMillis;
    private final long startNanos;
    private final Thread thread;
    private volatile boolean running = true;

    ProgressReporter(RunStats stats, EventSink sink, PrintStream out, String label, Duration interval, long startNanos) {
        this.stats = stats;
        this.sink = sink;
        this.out = out;
        this.label = label;
        this.intervalMillis = Math.max(100, interval.toMillis());
        this.startNanos = startNanos;
        this.thread = new Thread(this::loop, "sluice-generate-progress");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        long previousCount = 0;
        long previousNanos = startNanos;
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            long count = stats.validTotal();
            out.println(line(count, now, (count - previousCount) / Math.max(1e-9, (now - previousNanos) / 1e9)));
            previousCount = count;
            previousNanos = now;
        }
    }

    String line(long count, long nowNanos, double recentRate) {
        double seconds = (nowNanos - startNanos) / 1e9;
        StringBuilder line = new StringBuilder(200);
        line.append(label).append(": ").append(String.format("%,d", count)).append(" events in ")
                .append(String.format("%.1fs", seconds)).append(" (")
                .append(String.format("%,.0f/s", count / Math.max(1e-9, seconds)))
                .append(", last interval ").append(String.format("%,.0f/s", recentRate)).append("), acked ")
                .append(String.format("%,d", sink.acknowledged())).append(" |");
        for (EventPlan type : stats.types()) {
            line.append(' ').append(type.topic()).append(' ').append(String.format("%,d", stats.valid(type.index())));
        }
        line.append(" | late ").append(String.format("%,d", stats.lateTotal()))
                .append(" malformed ").append(String.format("%,d", stats.malformedTotal()));
        return line.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
