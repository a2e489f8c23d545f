package dev.sluice.bench;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainTrackerTest {

    private final AtomicLong clock = new AtomicLong();
    private final DrainTracker tracker = new DrainTracker(Map.of("t", Map.of(0, 100L, 1, 50L, 2, 0L)), clock::get);

    private static Map<TopicPartition, Long> offsets(long p0, long p1) {
        return Map.of(new TopicPartition("t", 0), p0, new TopicPartition("t", 1), p1, new TopicPartition("t", 2), 0L);
    }

    @Test
    void aQueryHasDrainedOnceEveryPartitionReachedItsTarget() {
        clock.set(1_000);
        tracker.record("q", offsets(60, 50), 110, 7, Map.of("addBatch", 900L));
        assertFalse(tracker.tallies().get("q").drained());
        clock.set(2_000);
        tracker.record("q", offsets(100, 50), 40, 9, Map.of("addBatch", 300L));
        DrainTracker.QueryTally tally = tracker.tallies().get("q");
        assertTrue(tally.drained());
        assertEquals(2_000, tally.drainedAtNanos);
        assertEquals(2, tally.batches);
        assertEquals(150, tally.inputRows);
        assertEquals(9, tally.maxStateRows);
        assertEquals(Map.of("addBatch", 1_200L), tally.durationsMs);
    }

    @Test
    void idleTriggersAfterTheDrainDoNotCount() {
        clock.set(5);
        tracker.record("q", offsets(100, 50), 150, 0, Map.of("addBatch", 10L));
        clock.set(9);
        tracker.record("q", offsets(100, 50), 0, 0, Map.of("addBatch", 1L));
        assertEquals(5, tracker.tallies().get("q").drainedAtNanos);
        assertEquals(1, tracker.tallies().get("q").batches);
    }

    @Test
    void otherTopicsAndMissingPartitionsAreNotADrain() {
        assertFalse(tracker.reachedTargets(Map.of()));
        assertFalse(tracker.reachedTargets(Map.of(new TopicPartition("other", 0), 1_000L)));
        assertFalse(tracker.reachedTargets(Map.of(new TopicPartition("t", 0), 100L)));
        assertTrue(tracker.reachedTargets(Map.of(new TopicPartition("t", 0), 100L, new TopicPartition("t", 1), 51L)));
    }
}
