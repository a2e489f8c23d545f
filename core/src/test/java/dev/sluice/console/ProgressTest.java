package dev.sluice.console;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {

    @Test
    void aLineSaysDoneOfTotalRateLagAndEta() {
        assertEquals("payments.fraud: 120,000 of 180,000 records (67%), 3,000/s, lag 60,000, ETA 20 s",
                Progress.line("payments.fraud", 120_000, 180_000, "records", 3000, 60_000));
    }

    @Test
    void unknownTotalRateAndLagAreLeftOutNotShownAsZero() {
        assertEquals("generate: 5,000 events", Progress.line("generate", 5000, -1, "events", Double.NaN, -1));
        assertEquals("generate: 5,000 of 10,000 events (50%), ETA ?", Progress.line("generate", 5000, 10_000, "events", Double.NaN, -1));
    }

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertEquals("0.9 s", Progress.duration(Duration.ofMillis(850)));
        assertEquals("42 s", Progress.duration(Duration.ofSeconds(42)));
        assertEquals("1 min 15 s", Progress.duration(Duration.ofSeconds(75)));
        assertEquals("2 h 5 min", Progress.duration(Duration.ofMinutes(125)));
        assertEquals("ETA 0 s", Progress.eta(0, Double.NaN));
    }

    @Test
    void columnsAlignAndRightAlignNumbers() {
        assertEquals(java.util.List.of("QUERY  STATE    LAG", "a      running    5", "bb     stopped  120"),
                Columns.render(java.util.List.of(java.util.List.of("QUERY", "STATE", "LAG"), java.util.List.of("a", "running", "5"),
                        java.util.List.of("bb", "stopped", "120"))));
    }
}
