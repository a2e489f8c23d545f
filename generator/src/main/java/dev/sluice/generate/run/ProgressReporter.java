package dev.sluice.generate.run;

import dev.sluice.console.ConsoleMode;
import dev.sluice.console.LiveView;
import dev.sluice.console.Progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The generator's progress line (valid events done of those asked for, rate, ETA, late and malformed so far) in the
 * shared {@link LiveView}: redrawn every {@code interval} on a terminal, a plain line at most every
 * {@link #PLAIN_EVERY} otherwise.
 */
final class ProgressReporter implements AutoCloseable {

    /** A file or CI log gets a line this often at most: enough to see a run moving, not a line per redraw. */
    static final Duration PLAIN_EVERY = Duration.ofSeconds(10);

    private final RunStats stats;
    private final String label;
    private final long total;
    private final long intervalMillis;
    private final long startNanos;
    private final LiveView view;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param total valid events the run will produce, or negative when it is open-ended */
    ProgressReporter(RunStats stats, PrintStream out, String label, long total, Duration interval, long startNanos) {
        this.stats = stats;
        this.label = label;
        this.total = total;
        this.intervalMillis = Math.max(100, interval.toMillis());
        this.startNanos = startNanos;
        ConsoleMode mode = out == System.err ? ConsoleMode.current() : ConsoleMode.PLAIN;
        this.view = new LiveView(out, mode, PLAIN_EVERY.compareTo(interval) > 0 ? PLAIN_EVERY : interval);
        this.thread = new Thread(this::loop, "sluice-generate-progress");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                view.show(List.of(line(stats.validTotal(), System.nanoTime())));
            }
        }
    }

    String line(long count, long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
        return Progress.line(label, count, total, "events", count / seconds, -1)
                + ", late " + Progress.count(stats.lateTotal()) + ", malformed " + Progress.count(stats.malformedTotal());
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
        // The closing summary replaces the live line.
        view.clear();
        view.close();
    }
}
