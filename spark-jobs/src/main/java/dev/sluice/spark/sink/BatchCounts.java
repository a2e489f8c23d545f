package dev.sluice.spark.sink;

/**
 * What one micro-batch of one aggregation saw and wrote. {@code records} counts the Kafka records of the batch that
 * the aggregation looked at (dead letters plus events that passed its filter); of the {@code events}, {@code lateEvents}
 * arrived after their window had closed and are not in any aggregate. Summed over batches:
 * records = events + deadLetters, and events = events aggregated + lateEvents (+ duplicates dropped by de-duplication).
 */
public record BatchCounts(long aggregateRows, long events, long lateEvents, long deadLetters, long lateWatermarkMs) {

    public long records() {
        return events + deadLetters;
    }
}
