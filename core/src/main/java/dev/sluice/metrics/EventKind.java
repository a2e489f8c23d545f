package dev.sluice.metrics;

import java.util.Locale;

/** What the generator meant an event to be; the {@code kind} label of {@code sluice_generator_events_total}. */
public enum EventKind {
    /** A well-formed event on time. */
    VALID,
    /** A well-formed event whose event_time is older than the aggregations' watermarks allow. */
    LATE,
    /** Bytes the pipeline must reject into the dead letters (bad wire format, unknown schema id, garbage). */
    MALFORMED;

    /** The kind of a generated event: malformed wins over late (a malformed record is never decoded, so never late). */
    public static EventKind of(boolean malformed, boolean late) {
        return malformed ? MALFORMED : late ? LATE : VALID;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
