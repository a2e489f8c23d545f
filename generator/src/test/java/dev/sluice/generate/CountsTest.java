package dev.sluice.generate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountsTest {

    @Test
    void exactlyNValidEventsPlusTheRequestedMalformedOnes() {
        for (long n : new long[]{0, 1, 7, 12_345}) {
            List<GeneratedEvent> events = Domains.generate(Domains.payments(), Domains.options(1, n)
                    .withLate(0.2, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL).withMalformed(0.03));
            assertEquals(n, events.stream().filter(GeneratedEvent::valid).count());
            assertEquals((long) Math.floor(0.03 * n), events.stream().filter(e -> !e.valid()).count(), "n=" + n);
        }
    }

    @Test
    void everyEventTypeOfTheDomainIsProduced() {
        for (var domain : List.of(Domains.payments(), Domains.ecommerce())) {
            var types = Domains.generate(domain, Domains.options(2, 5000)).stream().map(GeneratedEvent::eventType)
                    .collect(java.util.stream.Collectors.toSet());
            assertEquals(domain.events().keySet(), types, domain.name());
        }
    }

    @Test
    void eventTimesSpanAboutNOverTheEventTimeRate() {
        GeneratorOptions options = Domains.options(5, 50_000).withEventTimeRate(100, 0);
        List<GeneratedEvent> events = Domains.generate(Domains.ecommerce(), options);
        long first = events.get(0).eventTime();
        long last = events.get(events.size() - 1).eventTime();
        double seconds = (last - first) / 1000.0;
        assertEquals(500, seconds, 75, "50k events at 100/s of event time");
        assertEquals(Domains.START.toEpochMilli(), first, 1000, "starts at the start time");
    }

    @Test
    void malformedKindsAreEvenlyMixed() {
        Map<MalformedKind, Integer> kinds = new EnumMap<>(MalformedKind.class);
        Domains.generate(Domains.ecommerce(), Domains.options(9, 9000).withMalformed(0.1)).stream()
                .filter(e -> !e.valid()).forEach(e -> kinds.merge(e.malformed(), 1, Integer::sum));
        assertEquals(3, kinds.size());
        kinds.values().forEach(count -> assertEquals(300, count));
    }

    @Test
    void diurnalCurveMakesBusyAndQuietHours() {
        // Two events per second of event time over a day: the 16:00 hour should be busy, the 04:00 hour quiet.
        GeneratorOptions options = new GeneratorOptions(4, java.time.Instant.parse("2026-03-02T00:00:00Z"), 2.0, 0.6, 0,
                Duration.ofMinutes(1), GeneratorOptions.LateDistribution.EXPONENTIAL, 0, 0, 2 * 86_400);
        long[] perHour = new long[24];
        EventGenerator.stream(Domains.ecommerce(), options).forEachRemaining(e -> {
            long hour = (e.eventTime() / 3_600_000L) % 24;
            perHour[(int) hour]++;
        });
        assertTrue(perHour[16] > 2.5 * perHour[4], "peak " + perHour[16] + " vs trough " + perHour[4]);
        assertTrue(perHour[16] > 1.3 * 7200 && perHour[4] < 0.7 * 7200, java.util.Arrays.toString(perHour));
    }
}
