package dev.sluice.generate;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReferentialIntegrityTest {

    private static final GeneratorPlan PAYMENTS = GeneratorPlan.compile(Domains.payments());
    private static final GeneratorPlan ECOMMERCE = GeneratorPlan.compile(Domains.ecommerce());

    private static List<GeneratedEvent> events(GeneratorPlan plan, long n) {
        List<GeneratedEvent> events = new ArrayList<>();
        EventGenerator.stream(plan, Domains.options(11, n)
                .withLate(0.05, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL)).forEachRemaining(events::add);
        return events;
    }

    private static int index(GeneratorPlan plan, String entity, Object id) {
        int index = plan.pools().indexOf(plan.pools().entityIndex(entity), (String) id);
        assertTrue(index >= 0, id + " is an id of " + entity);
        return index;
    }

    private static int ownerOf(GeneratorPlan plan, String entity, Object id) {
        return plan.pools().ownerOf(plan.pools().entityIndex(entity), index(plan, entity, id));
    }

    @Test
    void everyCardBelongsToTheTransactionsUserAndDevicesToTheirUsers() {
        int transactions = 0;
        int devicesChecked = 0;
        for (GeneratedEvent e : events(PAYMENTS, 60_000)) {
            int user = index(PAYMENTS, "user", e.value("user_id"));
            switch (e.eventType()) {
                case "transaction" -> {
                    transactions++;
                    assertEquals(user, ownerOf(PAYMENTS, "card", e.value("card_id")), "card of another user: " + e);
                    Object device = e.value("device_id");
                    // Stolen-card fraud happens on the fraudster's device; everything else on the holder's own.
                    boolean stolen = e.fraudulent() && e.fraudPattern() != FraudPattern.RISKY_MERCHANT;
                    if (device != null && !stolen) {
                        assertEquals(user, ownerOf(PAYMENTS, "device", device), "device of another user: " + e);
                        devicesChecked++;
                    }
                }
                case "click", "device_event" -> {
                    assertEquals(user, ownerOf(PAYMENTS, "device", e.value("device_id")), e.toString());
                    devicesChecked++;
                }
                default -> throw new AssertionError(e.eventType());
            }
        }
        // Funnel: 0.8 x 0.9 x 0.7 of sessions reach transactions, 1.5 each, of ~5.2 events per session: ~14.5%.
        assertTrue(transactions > 7_000, "transactions: " + transactions);
        assertTrue(devicesChecked > 30_000);
    }

    @Test
    void ownershipBlocksPartitionThePools() {
        EntityPools pools = PAYMENTS.pools();
        int card = pools.entityIndex("card");
        int user = pools.entityIndex("user");
        int next = 0;
        for (int u = 0; u < pools.size(user); u++) {
            int count = pools.ownedCount(card, u);
            assertTrue(count >= 1 && count <= 2, "20000 users share 30000 cards: 1 or 2 each");
            assertEquals(next, pools.firstOwned(card, u));
            for (int c = next; c < next + count; c++) {
                assertEquals(u, pools.ownerOf(card, c));
            }
            next += count;
        }
        assertEquals(pools.size(card), next, "every card has an owner");
        assertTrue(pools.isOwned(card) && pools.isOwned(pools.entityIndex("device")));
        assertTrue(!pools.isOwned(pools.entityIndex("merchant")), "merchants are shared");
    }

    @Test
    void aSessionsEventsShareOwnerAndOwnedIdsAndMoveForwardThroughTheFunnel() {
        Map<Long, List<GeneratedEvent>> sessions = new HashMap<>();
        for (GeneratedEvent e : events(ECOMMERCE, 60_000)) {
            assertTrue(e.session() >= 0, "ecommerce events all come from sessions");
            sessions.computeIfAbsent(e.session(), s -> new ArrayList<>()).add(e);
        }
        int multiEvent = 0;
        for (List<GeneratedEvent> session : sessions.values()) {
            GeneratedEvent first = session.get(0);
            int user = index(ECOMMERCE, "user", first.value("user_id"));
            assertEquals(user, ownerOf(ECOMMERCE, "session", first.value("session_id")), "session id owned by its user");
            // Emission order: on-time events by event time; late ones are the exception.
            List<GeneratedEvent> byTime = new ArrayList<>(session);
            byTime.sort(java.util.Comparator.comparingLong(GeneratedEvent::eventTime).thenComparingInt(GeneratedEvent::step));
            long previousTime = Long.MIN_VALUE;
            int previousStep = -1;
            for (GeneratedEvent e : byTime) {
                assertEquals(first.value("user_id"), e.value("user_id"));
                assertEquals(first.value("session_id"), e.value("session_id"));
                assertEquals(first.value("device"), e.value("device"), "device class is fixed within a visit");
                assertEquals(first.value("country"), e.value("country"), "country is fixed within a visit");
                assertTrue(e.eventTime() >= previousTime);
                assertTrue(e.step() >= previousStep, "funnel steps never go back: " + session);
                previousTime = e.eventTime();
                previousStep = e.step();
            }
            long previousOnTime = Long.MIN_VALUE;
            for (GeneratedEvent e : session) {
                if (!e.late()) {
                    assertTrue(e.eventTime() >= previousOnTime, "on-time events of a session are emitted in time order");
                    previousOnTime = e.eventTime();
                }
            }
            multiEvent += session.size() > 1 ? 1 : 0;
        }
        assertTrue(multiEvent > sessions.size() / 2, "most sessions have several events");
    }

    @Test
    void funnelConversionFollowsTheStepProbabilities() {
        Map<Long, boolean[]> steps = new HashMap<>();
        // Without late delivery: a held cart add can fall off the end of a bounded run while its purchase made it.
        EventGenerator.stream(ECOMMERCE, Domains.options(11, 200_000)).forEachRemaining(e -> {
            steps.computeIfAbsent(e.session(), s -> new boolean[3])[e.step()] = true;
        });
        // Only sessions whose first event was kept (not cut by the warm-up) have a complete funnel.
        long viewed = steps.values().stream().filter(s -> s[0]).count();
        long carted = steps.values().stream().filter(s -> s[0] && s[1]).count();
        long bought = steps.values().stream().filter(s -> s[0] && s[1] && s[2]).count();
        assertEquals(0.32, carted / (double) viewed, 0.02, "cart adds per visit");
        assertEquals(0.45, bought / (double) carted, 0.03, "purchases per cart");
        assertTrue(steps.values().stream().noneMatch(s -> s[0] && s[2] && !s[1]), "no purchase without a cart add");
    }

    @Test
    void aUsersHomeCountryDominatesItsVisits() {
        Map<Object, Map<Object, Integer>> countriesByUser = new HashMap<>();
        for (GeneratedEvent e : events(ECOMMERCE, 200_000)) {
            if (e.step() == 0) {
                countriesByUser.computeIfAbsent(e.value("user_id"), u -> new HashMap<>()).merge(e.value("country"), 1, Integer::sum);
            }
        }
        long total = 0;
        long atTopCountry = 0;
        for (Map<Object, Integer> counts : countriesByUser.values()) {
            int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
            if (sum >= 10) {
                total += sum;
                atTopCountry += counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            }
        }
        assertNotNull(countriesByUser);
        assertTrue(total > 0);
        assertTrue(atTopCountry > 0.85 * total, "home share " + atTopCountry / (double) total);
    }
}
