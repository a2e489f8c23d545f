package dev.sluice.generate;

import java.util.SplittableRandom;

/**
 * Builds one event's values from its plan and the session it belongs to. Entity ids come from the pools (the owner,
 * the owner's own items, popular shared items), places from the owner's home most of the time, and everything else
 * from the fields' generators. Fraud patterns pass presets for the fields they control.
 */
final class EventFactory {

    /** Share of an owner's sessions that happen at home (the rest are travel or foreign online shops). */
    static final double HOME_SHARE = 0.9;
    /** Chance that a shared id (product, merchant) repeats the session's previous one. */
    static final double REPEAT_SHARED = 0.5;

    private final GeneratorPlan plan;
    private final long seed;
    private final SplittableRandom random;
    private final EventIds ids;
    private final int[] ownerSessions;

    EventFactory(GeneratorPlan plan, long seed, SplittableRandom random, EventIds ids) {
        this.plan = plan;
        this.seed = seed;
        this.random = random;
        this.ids = ids;
        int owner = plan.pools.ownerEntity();
        this.ownerSessions = owner < 0 ? new int[0] : new int[plan.pools.size(owner)];
    }

    SplittableRandom random() {
        return random;
    }

    /** A new visit of {@code owner}: it gets the owner's next session id, card and device in rotation. */
    SessionContext newSession(long serial, int owner) {
        int number = owner >= 0 ? ownerSessions[owner]++ : 0;
        return new SessionContext(serial, owner, number, entityCount(), plan.stickySlots, true);
    }

    /** Context of an event outside sessions: a random owner, a random one of its items. */
    SessionContext standalone(int owner) {
        int number = owner >= 0 ? random.nextInt(Math.max(1, ownerSessions[owner] + 1)) : 0;
        return new SessionContext(-1, owner, number, entityCount(), plan.stickySlots, false);
    }

    int randomOwner() {
        int owner = plan.pools.ownerEntity();
        return owner < 0 ? -1 : plan.pools.uniform(owner, random);
    }

    private int entityCount() {
        return plan.pools.count();
    }

    /**
     * @param presets values fixed by the caller (fraud patterns) by field position, {@link SessionContext#UNSET} for
     *                fields to draw; null to draw all. The array becomes the event's values.
     */
    GeneratedEvent make(EventPlan event, SessionContext context, long time, int step, Object[] presets, FraudPattern pattern) {
        FieldPlan[] fields = event.fields;
        Object[] row = presets != null ? presets : new Object[fields.length];
        for (int i : event.order) {
            if (presets != null && row[i] != SessionContext.UNSET) {
                continue;
            }
            FieldPlan field = fields[i];
            row[i] = switch (field.role) {
                case OWNER -> context.owner >= 0 ? plan.pools.id(field.entity, context.owner) : plan.pools.id(field.entity, plan.pools.uniform(field.entity, random));
                case OWNED -> nullOr(field) ? null : plan.pools.id(field.entity, ownedPick(field.entity, context));
                case SHARED -> nullOr(field) ? null : plan.pools.id(field.entity, sharedPick(field.entity, context));
                case LABEL -> Boolean.FALSE;
                case VALUE -> value(field, context, row, time);
            };
        }
        return new GeneratedEvent(event, ids.next(), time, row, context.serial, step, pattern, 0, null);
    }

    private boolean nullOr(FieldPlan field) {
        return field.entityNullRate > 0 && random.nextDouble() < field.entityNullRate;
    }

    int ownedPick(int entity, SessionContext context) {
        int pick = context.picks[entity];
        if (pick < 0) {
            EntityPools pools = plan.pools;
            int count = pools.ownedCount(entity, context.owner);
            // Rotate through the owner's items, from an owner-specific starting point, so consecutive visits use
            // different session ids and a user's cards are not always paired with the same device.
            long offset = Mixing.mix(seed, entity, context.owner) & Long.MAX_VALUE;
            pick = pools.firstOwned(entity, context.owner) + (int) ((context.ownerSession + offset) % count);
            context.picks[entity] = pick;
        }
        return pick;
    }

    private int sharedPick(int entity, SessionContext context) {
        int last = context.lastShared[entity];
        int pick = last >= 0 && random.nextDouble() < REPEAT_SHARED ? last : plan.pools.popular(entity, random);
        if (context.remembersShared) {
            context.lastShared[entity] = pick;
        }
        return pick;
    }

    private Object value(FieldPlan field, SessionContext context, Object[] row, long time) {
        if (field.stickySlot < 0) {
            return field.generator.next(random, row, time);
        }
        Object value = context.sticky[field.stickySlot];
        if (value != SessionContext.UNSET) {
            return value;
        }
        if (field.location && context.owner >= 0 && random.nextDouble() < HOME_SHARE) {
            value = home(field, context.owner, row, time);
        } else {
            value = field.generator.next(random, row, time);
        }
        context.sticky[field.stickySlot] = value;
        return value;
    }

    /** The owner's home value of a place field: a pure function of seed, field and owner, drawn with the field's weights. */
    Object home(FieldPlan field, int owner, Object[] row, long time) {
        long hash = Mixing.mix(seed ^ 0x5eed_c0de_0000_0000L, field.stickySlot, owner);
        FieldValueGenerator generator = field.generator;
        if (generator instanceof FieldValueGenerator.Nullable nullable) {
            generator = nullable.inner();
        }
        if (generator instanceof FieldValueGenerator.Weighted weighted) {
            return weighted.pick(Mixing.unit(hash));
        }
        return generator.next(new SplittableRandom(hash), row, time);
    }
}
