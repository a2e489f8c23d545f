package dev.sluice.cli.status;

import java.util.Map;
import java.util.Optional;

/**
 * What ClickHouse holds for one aggregation, over all time (every run and replay of the query). Empty values were
 * not derivable; {@code aggregatedHow} says how the aggregated events were derived, or why they were not.
 *
 * @param lateEvents       events in none of their windows (wholly late)
 * @param partlyLateEvents sliding-window events missing from some of their windows: part of {@code aggregatedEvents}
 */
public record AggregationCounts(Optional<Long> tableRows, Optional<Long> aggregatedEvents, String aggregatedHow,
                                Optional<Long> lateEvents, Optional<Long> partlyLateEvents,
                                Optional<Map<String, Long>> deadLettersByReason) {

    public Optional<Long> deadLetters() {
        return deadLettersByReason.map(m -> m.values().stream().mapToLong(Long::longValue).sum());
    }

    public static AggregationCounts unknown(String why) {
        return new AggregationCounts(Optional.empty(), Optional.empty(), why, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
