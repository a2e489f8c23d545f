package dev.sluice.generate;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FraudInjectionTest {

    private static final GeneratorPlan PAYMENTS = GeneratorPlan.compile(Domains.payments());

    private static List<GeneratedEvent> transactions(long seed, long n) {
        List<GeneratedEvent> out = new ArrayList<>();
        // 20 events per second of event time: 150k events span two hours.
        EventGenerator.stream(PAYMENTS, Domains.options(seed, n).withEventTimeRate(20, 0.6)).forEachRemaining(e -> {
            if (e.eventType().equals("transaction")) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void fraudShareOfTransactionsIsTheConfiguredRate() {
        for (long seed : new long[]{1, 2, 3}) {
            List<GeneratedEvent> transactions = transactions(seed, 200_000);
            long fraud = transactions.stream().filter(GeneratedEvent::fraudulent).count();
            assertEquals(0.02, fraud / (double) transactions.size(), 0.003, "seed " + seed + ": " + fraud + " of " + transactions.size());
        }
    }

    @Test
    void labelsAreTrueExactlyForPatternEventsExceptTheGeoLeadIn() {
        List<GeneratedEvent> transactions = transactions(4, 100_000);
        Map<FraudPattern, Integer> patterns = new EnumMap<>(FraudPattern.class);
        for (GeneratedEvent e : transactions) {
            Object label = e.value("is_fraud");
            assertTrue(label instanceof Boolean, "label always set: " + e);
            if (e.fraudPattern() == null) {
                assertEquals(false, label, e.toString());
            } else {
                patterns.merge(e.fraudPattern(), 1, Integer::sum);
            }
        }
        assertEquals(Set.of(FraudPattern.values()), patterns.keySet(), "all four patterns appear: " + patterns);
    }

    /**
     * Groups a pattern's events by card (each episode is one card; cards rarely repeat across episodes), leaving out
     * episodes near the start or end of the run, which the run's bounds may have cut.
     */
    private static Map<Object, List<GeneratedEvent>> episodes(List<GeneratedEvent> transactions, FraudPattern pattern) {
        long first = transactions.get(0).eventTime();
        long last = transactions.get(transactions.size() - 1).eventTime();
        Map<Object, List<GeneratedEvent>> byCard = new HashMap<>();
        transactions.stream().filter(e -> e.fraudPattern() == pattern).forEach(e -> byCard.computeIfAbsent(e.value("card_id"), c -> new ArrayList<>()).add(e));
        byCard.values().removeIf(episode -> episode.get(0).eventTime() < first + 35 * 60_000
                || episode.get(episode.size() - 1).eventTime() > last - 35 * 60_000);
        assertFalse(byCard.isEmpty(), pattern + " injected");
        return byCard;
    }

    @Test
    void cardTestingIsManyTinyAmountsOnOneCardWithinMinutes() {
        for (List<GeneratedEvent> episode : episodes(transactions(5, 150_000), FraudPattern.CARD_TESTING).values()) {
            assertTrue(episode.size() >= 8, "many attempts: " + episode.size());
            episode.forEach(e -> assertTrue((Long) e.value("amount") < 200, "tiny amount: " + e));
            episode.forEach(e -> assertEquals("digital_goods", e.value("merchant_category"), "the category with the lowest median"));
            long span = episode.get(episode.size() - 1).eventTime() - episode.get(0).eventTime();
            assertTrue(span < 15 * 60_000, "within minutes: " + span);
            assertEquals(1, episode.stream().map(e -> e.value("merchant_id")).distinct().count(), "at one merchant");
        }
    }

    @Test
    void burstsHitSeveralMerchantsInAShortTime() {
        for (List<GeneratedEvent> episode : episodes(transactions(6, 150_000), FraudPattern.BURST).values()) {
            assertTrue(episode.size() >= 5);
            assertTrue(episode.stream().map(e -> e.value("merchant_id")).distinct().count() >= 3, "several merchants");
            long span = episode.get(episode.size() - 1).eventTime() - episode.get(0).eventTime();
            assertTrue(span < 30 * 60_000, "short time: " + span);
        }
    }

    @Test
    void geoAnomalyIsAHomePurchaseThenAFarCountryMinutesLater() {
        List<GeneratedEvent> transactions = transactions(7, 200_000);
        int checked = 0;
        for (List<GeneratedEvent> episode : episodes(transactions, FraudPattern.GEO_ANOMALY).values()) {
            if (episode.size() < 2) {
                continue; // the end of the run cut the episode
            }
            GeneratedEvent home = episode.get(0);
            assertFalse(home.fraudulent(), "the home purchase is legitimate");
            for (GeneratedEvent far : episode.subList(1, episode.size())) {
                assertTrue(far.fraudulent());
                assertTrue(Geography.far(home.value("country"), far.value("country")), home.value("country") + " -> " + far.value("country"));
                assertNotEquals(home.value("country"), far.value("country"));
            }
            long gap = episode.get(1).eventTime() - home.eventTime();
            assertTrue(gap >= 2 * 60_000 && gap <= 30 * 60_000, "minutes later: " + gap);
            checked++;
        }
        assertTrue(checked > 5);
    }

    @Test
    void riskyMerchantsGetLargeAmountsMostlyAtNight() {
        List<GeneratedEvent> transactions = new ArrayList<>();
        // Two whole days, so night and day hours both occur.
        GeneratorOptions day = new GeneratorOptions(8, Instant.parse("2026-03-02T00:00:00Z"), 3.0, 0.0, 0,
                java.time.Duration.ofMinutes(1), GeneratorOptions.LateDistribution.EXPONENTIAL, 0, 0, 2 * 3 * 86_400);
        EventGenerator.stream(PAYMENTS, day).forEachRemaining(e -> {
            if (e.fraudPattern() == FraudPattern.RISKY_MERCHANT) {
                transactions.add(e);
            }
        });
        int night = 0;
        for (GeneratedEvent e : transactions) {
            assertTrue(Set.of("gambling", "money_transfer", "digital_goods").contains(e.value("merchant_category")), e.toString());
            double median = PAYMENTS.event("transaction").fields[PAYMENTS.event("transaction").fieldIndex("amount")]
                    .generator.medianFor(e.value("merchant_category"));
            assertTrue((Long) e.value("amount") >= 5 * median, "large amount: " + e);
            long hour = (e.eventTime() / 3_600_000L) % 24;
            night += hour < 6 ? 1 : 0;
        }
        // Night (6 of 24 hours): risky is 4 of 7 weight; day: 0.25 of 3.25. So ~70% of its episodes start at night.
        assertTrue(transactions.size() > 60);
        assertTrue(night > 0.55 * transactions.size(), night + " of " + transactions.size() + " at night");
    }
}
