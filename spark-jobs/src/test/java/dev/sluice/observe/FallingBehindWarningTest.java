package dev.sluice.observe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sluice.observe.ConsoleFixtures.batch;
import static dev.sluice.observe.ConsoleFixtures.tally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FallingBehindWarningTest {

    private static final Instant T = Instant.parse("2026-12-04T01:00:00Z");
    private final List<String> said = new ArrayList<>();
    private long previousEnd;
    private final FallingBehindWarning warning = new FallingBehindWarning(Map.of("payments.merchant_fraud_5m", Duration.ofSeconds(5)), "dev", said::add);

    /** Batch {@code id} read up to offset {@code end} (from the previous batch's end) of {@code latest} available. */
    private void batchOf(long id, long end, long latest, Duration took) {
        long rows = end - previousEnd;
        previousEnd = end;
        warning.batch(batch(id, T, rows, end, latest, took, null), tally(id, 0, 0), Optional.of(took.minusSeconds(5).isNegative()
                ? Duration.ZERO : took.minusSeconds(5)), T);
    }

    @Test
    void saidOnceWithTheMeasuredBatchTimeAndTheSettingToChange() {
        batchOf(0, 100, 100, Duration.ofSeconds(20));   // cold start, and the whole backlog
        batchOf(1, 200, 200, Duration.ofSeconds(3));    // live events, keeps up
        batchOf(2, 300, 300, Duration.ofMillis(7400));  // live events, behind
        batchOf(3, 400, 400, Duration.ofSeconds(9));    // behind again: not repeated

        assertEquals(1, said.size(), said.toString());
        String line = said.get(0);
        assertTrue(line.startsWith("query payments.merchant_fraud_5m is falling behind: batch 2 took 7.4 s"), line);
        assertTrue(line.contains("longer than its 5 s trigger"), line);
        assertTrue(line.contains("Raise spark.triggerInterval in environments/dev.yaml"), line);
    }

    @Test
    void catchingUpOnTheBacklogTheColdStartAndEmptyBatchesAreNotFallingBehind() {
        batchOf(0, 60_000, 180_000, Duration.ofSeconds(25));    // first batch: cold start
        batchOf(1, 120_000, 180_000, Duration.ofSeconds(12));   // capped by maxOffsetsPerTrigger: lag left
        batchOf(2, 180_000, 180_000, Duration.ofSeconds(11));   // the rest of the backlog, uncapped: still catching up
        batchOf(3, 180_000, 180_000, Duration.ofSeconds(6));    // nothing new: an empty batch delays no event

        assertEquals(List.of(), said);
    }
}
