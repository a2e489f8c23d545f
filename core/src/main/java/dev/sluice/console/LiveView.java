package dev.sluice.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The one progress renderer of every command: a block of lines that is
 * <ul>
 *   <li>{@link ConsoleMode#LIVE}: redrawn in place (carriage return, cursor up, erase line), so a terminal shows
 *       the current state without scrolling;</li>
 *   <li>{@link ConsoleMode#PLAIN}: printed as ordinary lines at most once per {@code plainEvery}, so a file or CI log
 *       gets a readable record of how it went instead of a line per update;</li>
 *   <li>{@link ConsoleMode#OFF}: not shown.</li>
 * </ul>
 * In live mode the view installs itself in front of {@code System.err} while open: when anything else writes there
 * (a warning), the next redraw starts below it instead of overwriting it. Thread-safe: a reporter thread redraws
 * while the command works.
 */
public final class LiveView implements AutoCloseable {

    private static final String ERASE_LINE = "\u001b[2K";

    private final PrintStream out;
    private final ConsoleMode mode;
    private final long plainEveryNanos;
    private final LongSupplier nanoClock;
    private final PrintStream previousErr;
    private final Watch watch;

    private int drawnLines;
    private long lastPlainNanos;
    private boolean plainShown;
    private List<String> lastPlain = List.of();

    public LiveView(PrintStream out, ConsoleMode mode, Duration plainEvery) {
        this(out, mode, plainEvery, System::nanoTime, mode == ConsoleMode.LIVE && out == System.err);
    }

    /** @param watchErr install in front of System.err to notice foreign writes (only when {@code out} is stderr) */
    LiveView(PrintStream out, ConsoleMode mode, Duration plainEvery, LongSupplier nanoClock, boolean watchErr) {
        this.out = out;
        this.mode = mode;
        this.plainEveryNanos = plainEvery.toNanos();
        this.nanoClock = nanoClock;
        if (watchErr) {
            this.previousErr = System.err;
            this.watch = new Watch(previousErr);
            System.setErr(new PrintStream(watch, true));
        } else {
            this.previousErr = null;
            this.watch = null;
        }
    }

    /** A view on stderr in the current mode. */
    public static LiveView onStderr(Duration plainEvery) {
        return new LiveView(System.err, ConsoleMode.current(), plainEvery);
    }

    public ConsoleMode mode() {
        return mode;
    }

    /**
     * The current state; plain mode prints it only when {@code plainEvery} has passed since the last print, and not
     * when there is nothing to say (no lines).
     *
     * @return whether the lines were printed or drawn
     */
    public synchronized boolean show(List<String> lines) {
        switch (mode) {
            case LIVE -> {
                redraw(lines);
                return true;
            }
            case PLAIN -> {
                long now = nanoClock.getAsLong();
                if (!lines.isEmpty() && (!plainShown || now - lastPlainNanos >= plainEveryNanos)) {
                    print(lines);
                    plainShown = true;
                    lastPlainNanos = now;
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** The final state: drawn once more in live mode (and left on screen), printed in plain mode unless just printed. */
    public synchronized void last(List<String> lines) {
        switch (mode) {
            case LIVE -> {
                redraw(lines);
                drawnLines = 0; // stays as it is: later output goes below it
            }
            case PLAIN -> {
                if (!lines.equals(lastPlain)) {
                    print(lines);
                }
            }
            case OFF -> {
            }
        }
    }

    /** Erases the live block (e.g. before the command prints its summary in its place). */
    public synchronized void clear() {
        if (mode == ConsoleMode.LIVE && drawnLines > 0 && !foreignOutputSinceDraw()) {
            StringBuilder text = new StringBuilder();
            text.append("\u001b[").append(drawnLines).append('A');
            for (int i = 0; i < drawnLines; i++) {
                text.append('\r').append(ERASE_LINE).append('\n');
            }
            text.append("\u001b[").append(drawnLines).append('A');
            out.print(text);
            out.flush();
        }
        drawnLines = 0;
    }

    private void redraw(List<String> lines) {
        StringBuilder text = new StringBuilder();
        if (drawnLines > 0 && !foreignOutputSinceDraw()) {
            text.append("\u001b[").append(drawnLines).append('A');
        }
        for (String line : lines) {
            text.append('\r').append(ERASE_LINE).append(line).append('\n');
        }
        // A shorter block than last time: erase the lines left over below it, then come back up.
        int leftOver = Math.max(0, drawnLines - lines.size());
        for (int i = 0; i < leftOver; i++) {
            text.append('\r').append(ERASE_LINE).append('\n');
        }
        if (leftOver > 0) {
            text.append("\u001b[").append(leftOver).append('A');
        }
        out.print(text);
        out.flush();
        drawnLines = lines.size();
        if (watch != null) {
            watch.foreign = false;
        }
    }

    private void print(List<String> lines) {
        lines.forEach(out::println);
        out.flush();
        lastPlain = List.copyOf(lines);
    }

    private boolean foreignOutputSinceDraw() {
        return watch != null && watch.foreign;
    }

    @Override
    public synchronized void close() {
        if (watch != null && System.err != previousErr) {
            System.setErr(previousErr);
        }
    }

    /** Forwards to stderr and remembers that someone other than the view wrote there. */
    private static final class Watch extends OutputStream {
        private final PrintStream target;
        volatile boolean foreign;

        Watch(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            foreign = true;
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            foreign = true;
            target.write(b, off, len);
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
