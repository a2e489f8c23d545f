package dev.sluice.generate;

import java.util.SplittableRandom;

/**
 * Starts sessions: an owner performs the funnel steps in order, each step reached is performed with its probability
 * (a skipped step ends the session, as in a funnel: no purchase without a cart add) and repeated between minRepeat
 * and maxRepeat times. Events are separated by a pause drawn around the configured median gap (lognormal jitter),
 * so times inside a session only move forward.
 */
final class SessionSimulator {

    /** Sigma of the lognormal pause: most gaps within 0.4x-2.7x of the median. */
    static final double GAP_SPREAD = 0.5;

    private final GeneratorPlan.SessionPlan plan;
    private final EventFactory factory;
    private final SplittableRandom random;
    private long serials;
    private long withEvents;

    SessionSimulator(GeneratorPlan.SessionPlan plan, EventFactory factory, SplittableRandom random) {
        this.plan = plan;
        this.factory = factory;
        this.random = random;
    }

    /** A session starting at {@code time}, or null when it does not even perform the first step. */
    Cursor start(long time) {
        int owner = factory.randomOwner();
        SessionCursor cursor = new SessionCursor(time);
        if (!cursor.enterStep(0)) {
            return null;
        }
        cursor.context = factory.newSession(serials++, owner);
        return cursor;
    }

    /** Sessions that emitted at least one event (warm-up sessions whose events all fell before the start do not count). */
    long sessionsWithEvents() {
        return withEvents;
    }

    private long gap() {
        return Math.max(1, Math.round(plan.meanGapMillis * Math.exp(GAP_SPREAD * random.nextGaussian())));
    }

    private final class SessionCursor extends Cursor {
        SessionContext context;
        int step;
        int remaining;
        boolean emitted;

        SessionCursor(long time) {
            this.time = time;
        }

        /** Tries steps from {@code first} on until one is performed with at least one event. */
        boolean enterStep(int first) {
            for (int s = first; s < plan.steps.length; s++) {
                if (random.nextDouble() >= plan.probability[s]) {
                    return false;
                }
                int min = plan.minRepeat[s];
                int max = plan.maxRepeat[s];
                int repeats = min == max ? min : min + random.nextInt(max - min + 1);
                if (repeats > 0) {
                    step = s;
                    remaining = repeats;
                    return true;
                }
            }
            return false;
        }

        @Override
        GeneratedEvent emit() {
            if (!emitted) {
                emitted = true;
                withEvents++;
            }
            return factory.make(plan.steps[step], context, time, step, null, null);
        }

        @Override
        boolean advance() {
            remaining--;
            if (remaining == 0 && !enterStep(step + 1)) {
                return false;
            }
            time += gap();
            return true;
        }
    }
}
