package dev.sluice.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FreshnessCalculatorTest {

    @Test
    void theKthEventOfAWindowIsVisibleWhenTheCountFirstReachesK() {
        WindowArrivals arrivals = new WindowArrivals();
        // window 0: five events produced at 100..500
        for (long t = 100; t <= 500; t += 100) {
            arrivals.add(0, t);
        }
        VisibleCounts counts = new VisibleCounts();
        counts.observe(0, 2, 1_000);   // a batch covered the first two
        counts.observe(0, 2, 1_200);   // unchanged: ignored
        counts.observe(0, 5, 3_000);   // the next batch covered the rest
        FreshnessCalculator.Latencies latencies = FreshnessCalculator.latencies(arrivals, counts);
        assertArrayEquals(new long[] {800, 900, 2_500, 2_600, 2_700}, latencies.sortedMillis());
        assertEquals(0, latencies.notVisible());
    }

    @Test
    void windowsAreIndependentAndMissingCountsAreReported() {
        WindowArrivals arrivals = new WindowArrivals();
        arrivals.add(0, 10);
        arrivals.add(60_000, 20);
        arrivals.add(60_000, 30);
        arrivals.add(60_000, 40);
        VisibleCounts counts = new VisibleCounts();
        counts.observe(0, 1, 110);
        counts.observe(60_000, 1, 520);
        FreshnessCalculator.Latencies latencies = FreshnessCalculator.latencies(arrivals, counts);
        assertArrayEquals(new long[] {100, 500}, latencies.sortedMillis());
        assertEquals(2, latencies.notVisible());
    }

    @Test
    void aCountThatNeverGrowsBackDoesNotRewindVisibility() {
        VisibleCounts counts = new VisibleCounts();
        counts.observe(0, 3, 100);
        counts.observe(0, 1, 200);
        assertEquals(3, counts.latest(0));
        assertEquals(1, counts.steps(0).size());
    }

    @Test
    void arrivalsGrowPastTheirInitialCapacity() {
        WindowArrivals arrivals = new WindowArrivals();
        for (int i = 0; i < 5000; i++) {
            arrivals.add(0, i);
        }
        assertEquals(5000, arrivals.count(0));
        assertEquals(4999, arrivals.byWindow().get(0L)[4999]);
        assertEquals(5000, arrivals.total());
    }
}
