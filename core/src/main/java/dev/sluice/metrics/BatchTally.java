package dev.sluice.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the sink reported for one micro-batch of one query: late events, dead letters by reason and rows written.
 * The progress listener takes it when it logs that batch, so the log line shows numbers of the same batch even when
 * the next batch's sink has already started reporting.
 */
public final class BatchTally {

    private long lateEvents;
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private long rowsWritten;
    private boolean committed;

    synchronized void addLateEvents(long count) {
        lateEvents += count;
    }

    synchronized void addDeadLetters(String reason, long count) {
        deadLettersByReason.merge(reason, count, Long::sum);
    }

    synchronized void committed(long rows) {
        rowsWritten += rows;
        committed = true;
    }

    public synchronized long lateEvents() {
        return lateEvents;
    }

    public synchronized long deadLetters() {
        return deadLettersByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Dead letters per reason, reasons in alphabetical order. */
    public synchronized Map<String, Long> deadLettersByReason() {
        return Map.copyOf(deadLettersByReason);
    }

    public synchronized long rowsWritten() {
        return rowsWritten;
    }

    /** Whether the sink reported the batch as committed; a batch with no tally at all was not reported by the sink. */
    public synchronized boolean isCommitted() {
        return committed;
    }
}
