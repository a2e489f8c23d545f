package dev.sluice.sink;

/**
 * What one micro-batch of one aggregation saw and wrote. {@code records} counts the Kafka records of the batch that
 * the aggregation looked at (dead letters plus events that passed its filter); of the {@code events}, {@code lateEvents}
 * arrived after all their windows had closed and are not in any aggregate, and {@code partlyLateEvents} (sliding
 * windows) after some had: they are aggregated in the open ones and recorded as late for the others. Summed over
 * batches: records = events + deadLetters, and events = events aggregated (partly late ones included) + lateEvents
 * (+ duplicates dropped by de-duplication).
 */
public record BatchCounts(long aggregateRows, long events, long lateEvents, long partlyLateEvents, long deadLetters, long lateWatermarkMs) {

    public long records() {
        return events + deadLetters;
    }
}
