package dev.sluice.replay;

import java.time.Instant;
import java.util.Optional;

/**
 * What a replay recomputes.
 *
 * <p><b>Windows</b> {@code [from, to)} in event time: only windows that lie entirely inside are written
 * ({@code window_start >= from} and {@code window_end <= to}). A window that straddles a boundary is left as the
 * streaming job wrote it, because the data read may not hold all of its events. Open bounds mean "no limit".
 *
 * <p><b>Kafka records</b> {@code [kafkaFrom, kafkaTo)} by record timestamp: which records are read. By default every
 * retained record is read, which is always correct; narrowing the read is an optimisation for large topics and is the
 * caller's promise that every event of the windows was produced inside it.
 */
public record ReplayRange(Optional<Instant> from, Optional<Instant> to, Optional<Instant> kafkaFrom, Optional<Instant> kafkaTo) {

    public static ReplayRange everything() {
        return new ReplayRange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ReplayRange {
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("--from " + from.get() + " must be before --to " + to.get());
        }
        if (kafkaFrom.isPresent() && kafkaTo.isPresent() && !kafkaFrom.get().isBefore(kafkaTo.get())) {
            throw new IllegalArgumentException("--kafka-from " + kafkaFrom.get() + " must be before --kafka-to " + kafkaTo.get());
        }
    }

    public String describeWindows() {
        return "windows inside [" + from.map(Instant::toString).orElse("-inf") + ", " + to.map(Instant::toString).orElse("+inf") + ")";
    }
}
