package dev.sluice.observe;

import dev.sluice.metrics.BatchTally;
import dev.sluice.metrics.ConsumerLag;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one line logged per micro-batch per query, as {@code key=value} pairs that grep, awk and log shippers read
 * without a parser. Unknown values are {@code -}, never a made-up zero.
 */
public final class ProgressLogLine {

    private ProgressLogLine() {
    }

    /**
     * @param tally      what the sink reported for this batch
     * @param triggerLag overrun of the trigger interval, when the interval is known
     * @param now        wall clock when the progress arrived, for the watermark delay
     */
    public static String format(ProgressSnapshot p, BatchTally tally, Optional<Duration> triggerLag, Instant now) {
        StringBuilder line = new StringBuilder(256);
        put(line, "query", p.query().name());
        put(line, "batch", Long.toString(p.batchId()));
        put(line, "input_rows", Long.toString(p.inputRows()));
        put(line, "input_rows_per_s", rate(p.inputRowsPerSecond()));
        put(line, "processed_rows_per_s", rate(p.processedRowsPerSecond()));
        put(line, "duration_ms", p.batchDuration().map(d -> Long.toString(d.toMillis())).orElse("-"));
        triggerLag.filter(lag -> !lag.isNegative() && !lag.isZero())
                .ifPresent(lag -> put(line, "trigger_overrun_ms", Long.toString(lag.toMillis())));
        put(line, "watermark", p.watermark().map(Instant::toString).orElse("-"));
        put(line, "watermark_delay_s", p.watermark()
                .map(w -> Long.toString(Math.max(0, Duration.between(w, now).toSeconds()))).orElse("-"));
        put(line, "kafka_lag", p.lagKnown() ? Long.toString(ConsumerLag.total(p.kafkaLag())) : "-");
        put(line, "state_rows", Long.toString(p.stateRows()));
        put(line, "state_bytes", Long.toString(p.stateMemoryBytes()));
        put(line, "late", Long.toString(tally.lateEvents()));
        put(line, "dead_letters", Long.toString(tally.deadLetters()));
        if (!tally.deadLettersByReason().isEmpty()) {
            put(line, "dead_letter_reasons", tally.deadLettersByReason().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        }
        // Written rows are only known when the sink reported the commit; "-" says the sink did not report (yet).
        put(line, "written_rows", tally.isCommitted() ? Long.toString(tally.rowsWritten()) : "-");
        return line.toString();
    }

    private static void put(StringBuilder line, String key, String value) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(key).append('=').append(value.indexOf(' ') >= 0 || value.isEmpty() ? '"' + value + '"' : value);
    }

    private static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? String.format(Locale.ROOT, "%.1f", perSecond) : "-";
    }
}
