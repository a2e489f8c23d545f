package dev.sluice.generate;

/**
 * Something that emits events over event time: a session, a fraud episode or a single background event. The stream
 * keeps the cursors in a queue ordered by their next event time, so sessions interleave as they would in reality and
 * only the cursors' small state is held, never the future events themselves.
 */
abstract class Cursor {
    /** Event time of the next event, epoch millis. */
    long time;
    /** Tie-break for equal times, fixed per cursor: keeps the order (and so the seeded output) deterministic. */
    long seq;

    abstract GeneratedEvent emit();

    /** Moves to the next event; false when the cursor is finished. */
    abstract boolean advance();

    static int compare(Cursor a, Cursor b) {
        int byTime = Long.compare(a.time, b.time);
        return byTime != 0 ? byTime : Long.compare(a.seq, b.seq);
    }
}
