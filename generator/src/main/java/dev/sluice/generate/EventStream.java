package dev.sluice.generate;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The generator as a pure function: {@code (domain config, options) -> events}, with no Kafka and no clock. Iterating
 * two streams built from equal inputs gives equal events, so tests can recompute what a run produced.
 *
 * <p>Arrivals (sessions, background events, fraud episodes) follow a Poisson process whose rate follows the
 * {@link DiurnalCurve}, calibrated so the event-time density averages {@link GeneratorOptions#eventTimeRate()}. Each
 * arrival becomes a {@link Cursor}; the stream always emits the cursor with the earliest next event, so on-time events
 * come out in event-time order and sessions interleave. Late events are then held back by the
 * {@link LateEventShifter}, and malformed records are slipped in after valid events by the
 * {@link MalformedRecordFactory}. {@code maxEvents} counts valid events only.
 *
 * <p>Every concern draws from its own split of the seeded random source, so that turning on late or malformed
 * records does not change the values of the valid events.
 */
public final class EventStream implements Iterator<GeneratedEvent> {

    private final GeneratorPlan plan;
    private final GeneratorOptions options;
    private final EventFactory factory;
    private final SessionSimulator sessions;
    private final FraudInjector fraud;
    private final LateEventShifter late;
    private final MalformedRecordFactory malformed;
    private final EventIds malformedIds;
    private final DiurnalCurve diurnal;
    private final SplittableRandom arrivals;
    private final PriorityQueue<Cursor> cursors = new PriorityQueue<>(Cursor::compare);
    /** Expected arrivals per millisecond of event time at diurnal factor 1. */
    private final double arrivalsPerMilli;
    private final double sessionWeight;
    private final double totalWeight;

    /** Events before this are warm-up and dropped. */
    private final long startMillis;
    private double nextArrival;
    private long cursorSeq;
    private long validEmitted;
    private GeneratedEvent pendingMalformed;

    EventStream(GeneratorPlan plan, GeneratorOptions options) {
        this.plan = plan;
        this.options = options;
        // The domain name is mixed in so two domains generated with one seed do not share event ids.
        SplittableRandom root = new SplittableRandom(Mixing.mix(options.seed(), plan.domain.name().hashCode(), 0));
        this.arrivals = root.split();
        SplittableRandom values = root.split();
        EventIds ids = new EventIds(root.split());
        SplittableRandom lateRandom = root.split();
        this.malformedIds = new EventIds(root.split());
        SplittableRandom fraudRandom = root.split();
        this.factory = new EventFactory(plan, options.seed(), values, ids);
        this.sessions = plan.sessions == null ? null : new SessionSimulator(plan.sessions, factory, values);
        this.fraud = plan.fraud == null ? null : new FraudInjector(plan.fraud, plan, factory, fraudRandom);
        this.late = new LateEventShifter(options.lateFraction(), options.lateMaxDelay().toMillis(), options.lateDistribution(), lateRandom);
        this.malformed = new MalformedRecordFactory(options.malformedFraction());
        this.diurnal = new DiurnalCurve(options.diurnalAmplitude());
        this.arrivalsPerMilli = options.eventTimeRate() / plan.meanEventsPerArrival / 1000.0;
        this.sessionWeight = sessions == null ? 0 : 1;
        double background = plan.backgroundCumulative.length == 0 ? 0 : plan.backgroundCumulative[plan.backgroundCumulative.length - 1];
        this.totalWeight = sessionWeight + background;
        this.startMillis = options.startTime().toEpochMilli();
        this.nextArrival = startMillis - warmupMillis(plan, options);
    }

    /**
     * Arrivals start this long before the start time and their earlier events are dropped, so the first minutes are
     * not thin (only sessions' first steps) but look like the middle of a day: sessions already under way. The
     * warm-up covers a long session. Skipped events only advance their session's clock (no values are built), so
     * the warm-up is cheap; it is capped at 5 million skipped events (about a second) so very high-rate runs start
     * quickly, with their first minutes a little thinner.
     */
    static long warmupMillis(GeneratorPlan plan, GeneratorOptions options) {
        if (plan.sessions == null) {
            return 0;
        }
        long maxEvents = 0;
        for (int max : plan.sessions.maxRepeat) {
            maxEvents += max;
        }
        // A session with every step at its maximum, at the typical gap: longer ones are rare (lognormal gaps).
        double longSession = plan.sessions.meanGapMillis * maxEvents * 1.5;
        double cap = 5_000_000 / options.eventTimeRate() * 1000;
        return (long) Math.min(longSession, cap);
    }

    public GeneratorPlan plan() {
        return plan;
    }

    public GeneratorOptions options() {
        return options;
    }

    /** Valid events emitted so far. */
    public long validEmitted() {
        return validEmitted;
    }

    /** Sessions that have emitted events so far (some may have more to come). */
    public long sessions() {
        return sessions == null ? 0 : sessions.sessionsWithEvents();
    }

    /** Fraud episodes started so far. */
    public long fraudEpisodes() {
        return fraud == null ? 0 : fraud.episodes();
    }

    @Override
    public boolean hasNext() {
        return pendingMalformed != null || validEmitted < options.maxEvents();
    }

    @Override
    public GeneratedEvent next() {
        if (pendingMalformed != null) {
            GeneratedEvent event = pendingMalformed;
            pendingMalformed = null;
            return event;
        }
        if (validEmitted >= options.maxEvents()) {
            throw new NoSuchElementException("the stream ends after " + options.maxEvents() + " valid events");
        }
        GeneratedEvent event = nextValid();
        validEmitted++;
        MalformedKind kind = malformed.after(validEmitted);
        if (kind != null) {
            pendingMalformed = event.malformedCopy(malformedIds.next(), kind);
        }
        return event;
    }

    private GeneratedEvent nextValid() {
        // A bounded run ends with the events still held back, so every event chosen to be late is delivered.
        if (late.holding() > 0 && late.holding() >= options.maxEvents() - validEmitted) {
            return late.release();
        }
        while (true) {
            // Every arrival at or before the earliest pending event has been started, so nothing earlier can appear.
            while (cursors.isEmpty() || cursors.peek().time > nextArrival) {
                arrive();
            }
            Cursor cursor = cursors.peek();
            if (late.dueBy(cursor.time)) {
                return late.release();
            }
            cursors.poll();
            if (cursor.time < startMillis) {
                // Warm-up: only move the cursor on; building values for events that are dropped would be wasted work.
                if (cursor.advance()) {
                    cursors.add(cursor);
                }
                continue;
            }
            GeneratedEvent event = cursor.emit();
            if (cursor.advance()) {
                cursors.add(cursor);
            }
            if (fraud != null) {
                fraud.observe(event);
            }
            if (!late.maybeHold(event)) {
                return event;
            }
        }
    }

    private void arrive() {
        long time = (long) nextArrival;
        if (fraud != null && fraud.due()) {
            add(fraud.start(time));
        }
        double u = arrivals.nextDouble() * totalWeight;
        if (u < sessionWeight) {
            add(sessions.start(time));
        } else {
            add(new Standalone(backgroundEvent(u - sessionWeight), time));
        }
        double rate = arrivalsPerMilli * diurnal.factor(nextArrival);
        nextArrival += -Math.log(1 - arrivals.nextDouble()) / rate;
    }

    private EventPlan backgroundEvent(double u) {
        double[] cumulative = plan.backgroundCumulative;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return plan.background[i];
            }
        }
        return plan.background[cumulative.length - 1];
    }

    private void add(Cursor cursor) {
        if (cursor != null) {
            cursor.seq = cursorSeq++;
            cursors.add(cursor);
        }
    }

    /** One event outside sessions. */
    private final class Standalone extends Cursor {
        final EventPlan event;

        Standalone(EventPlan event, long time) {
            this.event = event;
            this.time = time;
        }

        @Override
        GeneratedEvent emit() {
            return factory.make(event, factory.standalone(factory.randomOwner()), time, -1, null, null);
        }

        @Override
        boolean advance() {
            return false;
        }
    }
}
