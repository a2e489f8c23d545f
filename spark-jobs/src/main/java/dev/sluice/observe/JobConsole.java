package dev.sluice.observe;

import dev.sluice.console.Columns;
import dev.sluice.console.ConsoleMode;
import dev.sluice.console.LiveView;
import dev.sluice.console.Summary;
import dev.sluice.metrics.BatchTally;
import org.apache.spark.sql.streaming.StreamingQueryListener;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The streaming job on the console: a live table of its queries on a terminal (redrawn every second), a progress line
 * per query every {@code plainEvery} otherwise, and a summary line per query when the job ends. Fed by Spark's
 * listener events (start, stop) and by {@link QueryProgressMetrics} for each batch, so it shows what the metrics
 * endpoint serves.
 */
public final class JobConsole extends StreamingQueryListener implements BatchObserver, AutoCloseable {

    private static final long serialVersionUID = 1L;
    static final List<String> HEADER = List.of("QUERY", "STATE", "BATCH", "RECORDS", "INPUT/S", "LAG", "ETA", "WM DELAY", "LATE/MIN",
            "DEAD/MIN");

    private final transient Map<String, QueryView> queries = new LinkedHashMap<>();
    private final transient Map<UUID, String> names = new ConcurrentHashMap<>();
    private final transient Map<String, Long> printedBatches = new java.util.HashMap<>();
    private final transient LiveView view;
    private final transient PrintStream out;
    private final transient Clock clock;
    private final transient Thread reporter;
    private volatile boolean closed;
    private final transient java.util.concurrent.atomic.AtomicBoolean summarized = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param queryNames the job's queries in the order to show them ({@code domain.aggregation})
     * @param out        where the summary goes (stdout); progress goes to {@code view}
     */
    JobConsole(List<String> queryNames, LiveView view, PrintStream out, Clock clock) {
        queryNames.forEach(n -> queries.put(n, new QueryView(n)));
        this.view = view;
        this.out = out;
        this.clock = clock;
        this.reporter = new Thread(this::report, "sluice-job-console");
        reporter.setDaemon(true);
    }

    /** Progress on stderr in the current {@link ConsoleMode}, a plain line per query every 30 s; summary on stdout. */
    public static JobConsole start(List<String> queryNames) {
        JobConsole console = new JobConsole(queryNames, LiveView.onStderr(Duration.ofSeconds(30)), System.out, Clock.systemUTC());
        if (console.view.mode() != ConsoleMode.OFF) {
            console.reporter.start();
        }
        // Ctrl-C ends the JVM without returning from the job: the summary is said from the shutdown hook then.
        Runtime.getRuntime().addShutdownHook(new Thread(console::close, "sluice-job-console-summary"));
        return console;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        if (event.name() == null) {
            return;
        }
        names.put(event.id(), event.name());
        synchronized (this) {
            view(event.name()).started(clock.instant());
        }
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        // Batches arrive through batch(), after QueryProgressMetrics has taken the sink's tally for them.
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
        String name = names.get(event.id());
        if (name != null) {
            synchronized (this) {
                view(name).idle();
            }
        }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        String name = names.get(event.id());
        if (name != null) {
            synchronized (this) {
                view(name).stopped(event.exception().isDefined());
            }
        }
    }

    @Override
    public synchronized void batch(ProgressSnapshot progress, BatchTally tally, Optional<Duration> overrun, Instant now) {
        view(progress.query().name()).batch(progress, tally, now);
    }

    private QueryView view(String name) {
        return queries.computeIfAbsent(name, QueryView::new);
    }

    /** What the view shows now: the table on a terminal, a line per query otherwise. */
    synchronized List<String> lines(Instant now) {
        if (view.mode() == ConsoleMode.LIVE) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            queries.values().forEach(q -> rows.add(q.row(now)));
            return Columns.render(rows);
        }
        // A file or CI log: only queries that moved since the last print (a stopped query is in the closing summary).
        return queries.values().stream().filter(q -> q.batches() > 0 && q.batches() != printedBatches.getOrDefault(q.name(), 0L)
                && q.state() != QueryView.State.STOPPED).map(q -> q.line(now)).toList();
    }

    /** After a plain print: what each query had done when it was printed. */
    private synchronized void printed() {
        queries.values().forEach(q -> printedBatches.put(q.name(), q.batches()));
    }

    private void report() {
        while (!closed) {
            if (view.show(lines(clock.instant())) && view.mode() == ConsoleMode.PLAIN) {
                printed();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the view and prints what every query did; also records it for the command's summary (--json). */
    @Override
    public void close() {
        if (!summarized.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        reporter.interrupt();
        try {
            reporter.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant now = clock.instant();
        synchronized (this) {
            view.clear();
            view.close();
            for (QueryView q : queries.values()) {
                out.println("  " + q.summary(now));
                Map<String, Object> fact = new LinkedHashMap<>();
                fact.put("query", q.name());
                fact.put("state", q.state().label());
                fact.put("records", q.records());
                fact.put("batches", q.batches());
                fact.put("late", q.late());
                fact.put("dead_letters", q.deadLetters());
                Summary.add("queries", fact);
            }
        }
        out.flush();
    }
}
