package dev.sluice.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SamplesTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(5.0, Samples.median(List.of(9.0, 1.0, 5.0)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(4.0, Samples.median(List.of(10.0, 1.0, 3.0, 5.0)));
    }

    @Test
    void oneSlowRunDoesNotMoveTheMedianRate() {
        Timed timed = new Timed(1000, List.of(new Lap(1.0, 2.0), new Lap(10.0, 2.5), new Lap(2.0, 4.0)));
        assertEquals(500.0, timed.perSecond());
        assertEquals(List.of(1000.0, 100.0, 500.0), timed.ratesPerSecond());
        assertEquals(400.0, timed.perCpuSecond());
    }

    @Test
    void cpuRatesAreUnknownWhenAnyLapLacksCpuTime() {
        assertEquals(-1.0, new Timed(10, List.of(new Lap(1.0, 1.0), new Lap(1.0, -1))).perCpuSecond());
    }

    @Test
    void percentilesAreNearestRankValues() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = i + 1; // 1..100
        }
        assertEquals(50, Samples.percentile(values, 0.50));
        assertEquals(95, Samples.percentile(values, 0.95));
        assertEquals(99, Samples.percentile(values, 0.99));
        assertEquals(100, Samples.percentile(values, 1.0));
        assertEquals(7, Samples.percentile(new long[] {7}, 0.5));
        assertEquals(20, Samples.percentile(new long[] {10, 20, 30}, 0.5));
    }

    @Test
    void emptyInputIsABug() {
        assertThrows(IllegalArgumentException.class, () -> Samples.median(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Samples.percentile(new long[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Samples.percentile(new long[] {1}, 0));
    }
}
