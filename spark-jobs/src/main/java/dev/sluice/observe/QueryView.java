package dev.sluice.observe;

import dev.sluice.console.Progress;
import dev.sluice.metrics.BatchTally;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the console shows about one streaming query, from its batches: the same facts as the metrics endpoint
 * (state, batch, input rate, Kafka lag, watermark delay, late events and dead letters per minute) plus how far it is
 * through what Kafka holds. Not thread-safe on its own: {@link JobConsole} guards it.
 */
final class QueryView {

    enum State { STARTING, RUNNING, CAUGHT_UP, STOPPED, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final String name;
    private State state = State.STARTING;
    private Instant startedAt;
    private Instant lastBatchAt;
    private long batch = -1;
    private long batches;
    private long records;
    private long lag = -1;
    private double inputPerSecond = Double.NaN;
    private Optional<Instant> watermark = Optional.empty();
    private long late;
    private long deadLetters;
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    /** (when, late, dead letters) of the batches of the last minute, for the per-minute rates. */
    private final Deque<long[]> lastMinute = new ArrayDeque<>();

    QueryView(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    State state() {
        return state;
    }

    void started(Instant now) {
        if (startedAt == null) {
            startedAt = now;
        }
        state = State.STARTING;
    }

    /** Spark reported a trigger with nothing to read. */
    void idle() {
        if (state != State.STOPPED && state != State.FAILED) {
            state = State.CAUGHT_UP;
        }
    }

    void stopped(boolean failed) {
        state = failed ? State.FAILED : State.STOPPED;
    }

    void batch(ProgressSnapshot p, BatchTally tally, Instant now) {
        if (startedAt == null) {
            startedAt = p.batchStarted();
        }
        batch = p.batchId();
        lastBatchAt = now;
        batches++;
        records += p.inputRows();
        inputPerSecond = p.inputRowsPerSecond();
        if (p.lagKnown()) {
            lag = p.kafkaLag().values().stream().mapToLong(Long::longValue).sum();
        }
        watermark = p.watermark().or(() -> watermark);
        late += tally.lateEvents();
        deadLetters += tally.deadLetters();
        tally.deadLettersByReason().forEach((reason, n) -> deadLettersByReason.merge(reason, n, Long::sum));
        lastMinute.addLast(new long[] {now.toEpochMilli(), tally.lateEvents(), tally.deadLetters()});
        // No lag after the batch: it read everything Kafka held when it was planned (a capped batch leaves some).
        state = lag == 0 ? State.CAUGHT_UP : State.RUNNING;
    }

    /**
     * Records per second from the query's first batch to its latest: what the ETA goes by (a batch's own rate jumps
     * with its size), and not diluted by the time a stopped query waits for the others.
     */
    double rate(Instant now) {
        if (startedAt == null || lastBatchAt == null || records == 0) {
            return Double.NaN;
        }
        double seconds = Math.max(0.001, Duration.between(startedAt, lastBatchAt).toMillis() / 1000.0);
        return records / seconds;
    }

    /** The table row: QUERY STATE BATCH RECORDS RATE LAG ETA WATERMARK-DELAY LATE/MIN DEAD-LETTERS/MIN. */
    List<String> row(Instant now) {
        forgetOlderThanAMinute(now);
        long lateMinute = lastMinute.stream().mapToLong(b -> b[1]).sum();
        long deadMinute = lastMinute.stream().mapToLong(b -> b[2]).sum();
        return List.of(name, state.label(), batch < 0 ? "-" : Long.toString(batch),
                lag < 0 ? Progress.count(records) : Progress.count(records) + " of " + Progress.count(records + lag),
                Double.isFinite(inputPerSecond) ? Progress.rate(inputPerSecond) : "-",
                lag < 0 ? "-" : Progress.count(lag),
                lag < 0 ? "-" : Progress.eta(lag, rate(now)).substring("ETA ".length()),
                watermark.map(w -> Progress.duration(Duration.between(w, now).isNegative() ? Duration.ZERO : Duration.between(w, now))).orElse("-"),
                Progress.count(lateMinute), Progress.count(deadMinute));
    }

    /** The plain progress line: records done of those in Kafka, rate, lag, ETA. */
    String line(Instant now) {
        if (batch < 0) {
            return name + ": " + state.label();
        }
        return Progress.line(name, records, lag < 0 ? -1 : records + lag, "records", rate(now), lag) + ", batch " + batch
                + (state == State.RUNNING ? "" : " (" + state.label() + ")");
    }

    /** What the query did in this run, for the job's closing summary. */
    String summary(Instant now) {
        StringBuilder line = new StringBuilder(name).append(": ").append(state.label()).append(", ")
                .append(Progress.count(records)).append(" records in ").append(batches).append(batches == 1 ? " batch" : " batches");
        if (startedAt != null && records > 0) {
            line.append(" (").append(Progress.rate(rate(now))).append(')');
        }
        line.append("; ").append(Progress.count(late)).append(" late, ").append(Progress.count(deadLetters)).append(" dead letters");
        if (!deadLettersByReason.isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            deadLettersByReason.forEach((reason, n) -> reasons.append(reasons.isEmpty() ? "" : ", ")
                    .append(reason.replace('_', ' ')).append(' ').append(Progress.count(n)));
            line.append(" (").append(reasons).append(')');
        }
        return line.toString();
    }

    long records() {
        return records;
    }

    long late() {
        return late;
    }

    long deadLetters() {
        return deadLetters;
    }

    long batches() {
        return batches;
    }

    private void forgetOlderThanAMinute(Instant now) {
        long oldest = now.minus(MINUTE).toEpochMilli();
        while (!lastMinute.isEmpty() && lastMinute.peekFirst()[0] < oldest) {
            lastMinute.removeFirst();
        }
    }
}
