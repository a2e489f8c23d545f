package dev.sluice.generate;

import dev.sluice.config.DomainConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DeterminismTest {

    private static Map<String, String> run(DomainConfig domain, GeneratorOptions options) {
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        return Encoding.digests(EventGenerator.stream(plan, options), Encoding.encoder(Encoding.schemas(plan), options));
    }

    private static GeneratorOptions options(long seed) {
        return Domains.options(seed, 30_000)
                .withLate(0.05, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL)
                .withMalformed(0.01);
    }

    @Test
    void sameSeedGivesIdenticalBytesOnEveryTopic() {
        for (DomainConfig domain : List.of(Domains.payments(), Domains.ecommerce())) {
            Map<String, String> first = run(domain, options(7));
            Map<String, String> second = run(domain, options(7));
            assertEquals(domain.events().size(), first.size(), "every topic gets events: " + first.keySet());
            assertEquals(first, second, domain.name());
        }
    }

    @Test
    void differentSeedGivesDifferentBytesOnEveryTopic() {
        Map<String, String> seven = run(Domains.payments(), options(7));
        Map<String, String> eight = run(Domains.payments(), options(8));
        seven.forEach((topic, digest) -> assertNotEquals(digest, eight.get(topic), topic));
    }

    @Test
    void noEventBeforeTheStartTimeAndTheFirstOneRightAfterIt() {
        List<GeneratedEvent> events = Domains.generate(Domains.payments(), Domains.options(7, 2000));
        long start = Domains.START.toEpochMilli();
        events.forEach(e -> org.junit.jupiter.api.Assertions.assertTrue(e.eventTime() >= start, e.toString()));
        org.junit.jupiter.api.Assertions.assertTrue(events.get(0).eventTime() - start < 1000, "warm-up makes the stream start busy");
    }

    @Test
    void lateAndMalformedRecordsDoNotChangeTheValidEvents() {
        List<GeneratedEvent> plain = Domains.generate(Domains.payments(), Domains.options(3, 5000));
        List<GeneratedEvent> noisy = Domains.generate(Domains.payments(), Domains.options(3, 5000)
                .withLate(0.1, Duration.ofMinutes(5), GeneratorOptions.LateDistribution.UNIFORM).withMalformed(0.05));
        // Late delivery reorders (and shifts which events fit in the bound near the end), but the values are the same events.
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        plain.forEach(e -> byId.put(e.eventId(), e.asMap()));
        long compared = noisy.stream().filter(GeneratedEvent::valid).filter(e -> byId.containsKey(e.eventId()))
                .peek(e -> assertEquals(byId.get(e.eventId()), e.asMap())).count();
        org.junit.jupiter.api.Assertions.assertTrue(compared >= 4500, "the same events, only some delivered later: " + compared);
    }

    @Test
    void twoDomainsWithOneSeedDoNotShareEventIds() {
        assertNotEquals(Domains.generate(Domains.payments(), Domains.options(7, 1)).get(0).eventId(),
                Domains.generate(Domains.ecommerce(), Domains.options(7, 1)).get(0).eventId());
    }
}
