package dev.sluice.generate;

import dev.sluice.config.FieldType;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Injects fraud episodes into the stream so that the configured share of the fraud event type carries the label.
 * Instead of flipping a coin per event (fraud comes in patterns, not alone), it starts a whole episode whenever the
 * labelled events planned so far fall behind {@code rate x events of that type seen}; the share therefore converges
 * to the rate quickly and stays within one episode of it.
 *
 * <p>The patterns (see {@link FraudPattern}): card testing, bursts at several merchants, a geo anomaly (a legitimate
 * home purchase, then the same card in a far country minutes later) and large amounts at risky merchants, which are
 * picked 16 times as often between 00:00 and 06:00 UTC as during the day (about 70% of them
 * happen at night). Stolen-card patterns use a device
 * that is not the holder's.
 */
final class FraudInjector {

    private static final long MINUTE = 60_000;

    private final FraudPlan plan;
    private final EventFactory factory;
    private final GeneratorPlan generator;
    private final SplittableRandom random;
    private long eventsOfType;
    private long plannedLabelled;
    private long episodes;

    FraudInjector(FraudPlan plan, GeneratorPlan generator, EventFactory factory, SplittableRandom random) {
        this.plan = plan;
        this.generator = generator;
        this.factory = factory;
        this.random = random;
    }

    /** Called for every generated event; counts the ones of the fraud event type. */
    void observe(GeneratedEvent event) {
        if (event.plan() == plan.event) {
            eventsOfType++;
        }
    }

    boolean due() {
        return plannedLabelled < plan.rate * eventsOfType;
    }

    long episodes() {
        return episodes;
    }

    Cursor start(long time) {
        FraudPattern pattern = choosePattern(time);
        episodes++;
        return new Episode(pattern, time);
    }

    private FraudPattern choosePattern(long time) {
        FraudPattern[] patterns = plan.patterns;
        double[] weights = new double[patterns.length];
        boolean night = ((time / 3_600_000L) % 24) < 6;
        double total = 0;
        for (int i = 0; i < patterns.length; i++) {
            weights[i] = patterns[i] == FraudPattern.RISKY_MERCHANT ? (night ? 4.0 : 0.25) : 1.0;
            total += weights[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < patterns.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return patterns[i];
            }
        }
        return patterns[patterns.length - 1];
    }

    private long lognormalMillis(double medianMillis, double sigma) {
        return Math.max(1, Math.round(medianMillis * Math.exp(sigma * random.nextGaussian())));
    }

    private final class Episode extends Cursor {
        final FraudPattern pattern;
        final SessionContext context;
        final int card;
        final int events;
        final Object merchant;
        int index;

        Episode(FraudPattern pattern, long start) {
            this.pattern = pattern;
            this.time = start;
            EntityPools pools = generator.pools;
            int cardEntity = plan.card.entity;
            int owner;
            if (plan.card.role == FieldRole.OWNED) {
                owner = factory.randomOwner();
                card = pools.firstOwned(cardEntity, owner) + random.nextInt(pools.ownedCount(cardEntity, owner));
            } else if (plan.card.role == FieldRole.OWNER) {
                card = pools.uniform(cardEntity, random);
                owner = card;
            } else {
                card = pools.uniform(cardEntity, random);
                owner = factory.randomOwner();
            }
            this.context = factory.standalone(owner);
            context.picks[cardEntity] = card;
            this.events = switch (pattern) {
                case CARD_TESTING -> 8 + random.nextInt(17);
                case BURST -> 5 + random.nextInt(8);
                case GEO_ANOMALY -> 2 + random.nextInt(3);
                case RISKY_MERCHANT -> 1 + random.nextInt(3);
            };
            this.merchant = plan.merchant == null ? null : pools.id(plan.merchant.entity, pools.popular(plan.merchant.entity, random));
            plannedLabelled += pattern == FraudPattern.GEO_ANOMALY ? events - 1 : events;
        }

        @Override
        GeneratedEvent emit() {
            EventPlan event = plan.event;
            Object[] row = new Object[event.fields.length];
            Arrays.fill(row, SessionContext.UNSET);
            EntityPools pools = generator.pools;
            row[plan.card.index] = pools.id(plan.card.entity, card);
            boolean legitimateLeadIn = pattern == FraudPattern.GEO_ANOMALY && index == 0;
            row[event.labelField] = legitimateLeadIn ? Boolean.FALSE : Boolean.TRUE;
            boolean stolenCard = pattern != FraudPattern.RISKY_MERCHANT && !legitimateLeadIn;
            if (stolenCard) {
                for (FieldPlan device : plan.devices) {
                    row[device.index] = pools.id(device.entity, pools.uniform(device.entity, random));
                }
            }
            switch (pattern) {
                case CARD_TESTING -> {
                    if (plan.category != null && plan.cheapestCategory != null) {
                        row[plan.category.index] = plan.cheapestCategory;
                    }
                    if (plan.merchant != null) {
                        row[plan.merchant.index] = merchant;
                    }
                    // Tiny amounts: 0.01 to 1.99 in minor units.
                    row[plan.amount.index] = FieldValueGenerator.box(plan.amount.type, 1 + random.nextInt(199));
                }
                case BURST -> {
                    if (plan.merchant != null) {
                        row[plan.merchant.index] = pools.id(plan.merchant.entity, pools.uniform(plan.merchant.entity, random));
                    }
                    if (plan.category != null) {
                        row[plan.category.index] = plan.category.generator.next(random, row, time);
                    }
                    row[plan.amount.index] = scaledAmount(row, 2.0);
                }
                case GEO_ANOMALY -> {
                    Object home = factory.home(plan.country, context.owner, row, time);
                    row[plan.country.index] = legitimateLeadIn ? home : farFrom(home);
                }
                case RISKY_MERCHANT -> {
                    row[plan.category.index] = plan.riskyCategories[random.nextInt(plan.riskyCategories.length)];
                    double median = plan.amount.generator.medianFor(row[plan.category.index]);
                    if (Double.isNaN(median)) {
                        median = 10_000;
                    }
                    row[plan.amount.index] = clampAmount(median * (5 + 15 * random.nextDouble()));
                }
            }
            return factory.make(event, context, time, -1, row, pattern);
        }

        private Object scaledAmount(Object[] row, double factor) {
            Object drawn = plan.amount.generator.next(random, row, time);
            double value = drawn instanceof Number n ? n.doubleValue() : 100;
            return clampAmount(value * factor);
        }

        private Object clampAmount(double value) {
            var hints = plan.amount.config.generate();
            if (hints.max() != null) {
                value = Math.min(value, hints.max());
            }
            if (hints.min() != null) {
                value = Math.max(value, hints.min());
            }
            return FieldValueGenerator.box(plan.amount.type == FieldType.DOUBLE ? FieldType.DOUBLE : plan.amount.type, value);
        }

        private Object farFrom(Object home) {
            Object[] countries = plan.countries;
            int start = random.nextInt(countries.length);
            for (int i = 0; i < countries.length; i++) {
                Object candidate = countries[(start + i) % countries.length];
                if (Geography.far(home, candidate)) {
                    return candidate;
                }
            }
            for (int i = 0; i < countries.length; i++) {
                Object candidate = countries[(start + i) % countries.length];
                if (candidate != null && !candidate.equals(home)) {
                    return candidate;
                }
            }
            return home;
        }

        @Override
        boolean advance() {
            index++;
            if (index >= events) {
                return false;
            }
            time += switch (pattern) {
                case CARD_TESTING -> lognormalMillis(12_000, 0.6);
                case BURST -> lognormalMillis(40_000, 0.5);
                case GEO_ANOMALY -> index == 1 ? 2 * MINUTE + random.nextLong(28 * MINUTE) : lognormalMillis(3 * MINUTE, 0.5);
                case RISKY_MERCHANT -> lognormalMillis(2 * MINUTE, 0.5);
            };
            return true;
        }
    }
}
