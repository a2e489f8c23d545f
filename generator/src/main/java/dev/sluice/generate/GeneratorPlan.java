package dev.sluice.generate;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.GeneratorConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A domain config compiled for generation: entity pools, every field's generator and role, the session funnel,
 * background events and fraud settings. Building it checks everything the generator relies on and reports all
 * problems at once ({@link GeneratorConfigException}); afterwards generation cannot fail on config.
 */
public final class GeneratorPlan {

    final DomainConfig domain;
    final EntityPools pools;
    final EventPlan[] events;
    final Map<String, EventPlan> eventsByName;
    /** Null when the domain has no sessions. */
    final SessionPlan sessions;
    /** Background event types and cumulative weights; a session counts as weight 1 in the same draw. */
    final EventPlan[] background;
    final double[] backgroundCumulative;
    final int stickySlots;
    /** Average events one arrival (a session or a background event) produces; calibrates the arrival rate. */
    final double meanEventsPerArrival;
    /** Null when the domain injects no fraud. */
    final FraudPlan fraud;

    /** The funnel of one session. */
    static final class SessionPlan {
        final int ownerEntity;
        final EventPlan[] steps;
        final double[] probability;
        final int[] minRepeat;
        final int[] maxRepeat;
        final double meanGapMillis;
        final double expectedEvents;

        SessionPlan(int ownerEntity, EventPlan[] steps, double[] probability, int[] minRepeat, int[] maxRepeat, double meanGapMillis) {
            this.ownerEntity = ownerEntity;
            this.steps = steps;
            this.probability = probability;
            this.minRepeat = minRepeat;
            this.maxRepeat = maxRepeat;
            this.meanGapMillis = meanGapMillis;
            double reach = 1;
            double expected = 0;
            for (int i = 0; i < steps.length; i++) {
                reach *= probability[i];
                expected += reach * (minRepeat[i] + maxRepeat[i]) / 2.0;
            }
            this.expectedEvents = expected;
        }
    }

    private GeneratorPlan(DomainConfig domain, EntityPools pools, EventPlan[] events, SessionPlan sessions,
                          EventPlan[] background, double[] backgroundCumulative, int stickySlots, FraudPlan fraud) {
        this.domain = domain;
        this.pools = pools;
        this.events = events;
        this.eventsByName = new LinkedHashMap<>();
        for (EventPlan e : events) {
            eventsByName.put(e.name(), e);
        }
        this.sessions = sessions;
        this.background = background;
        this.backgroundCumulative = backgroundCumulative;
        this.stickySlots = stickySlots;
        this.fraud = fraud;
        double backgroundWeight = backgroundCumulative.length == 0 ? 0 : backgroundCumulative[backgroundCumulative.length - 1];
        double sessionWeight = sessions == null ? 0 : 1;
        double sessionEvents = sessions == null ? 0 : sessions.expectedEvents;
        this.meanEventsPerArrival = Math.max(1e-6, (sessionWeight * sessionEvents + backgroundWeight) / (sessionWeight + backgroundWeight));
    }

    public DomainConfig domain() {
        return domain;
    }

    public EntityPools pools() {
        return pools;
    }

    public List<EventPlan> events() {
        return List.of(events);
    }

    public EventPlan event(String name) {
        EventPlan plan = eventsByName.get(name);
        if (plan == null) {
            throw new IllegalArgumentException("domain '" + domain.name() + "' has no event type '" + name + "'; it has " + eventsByName.keySet());
        }
        return plan;
    }

    /** The fraud label field, or null when the domain injects no fraud. */
    public String fraudLabelField() {
        return fraud == null ? null : fraud.labelField();
    }

    public static GeneratorPlan compile(DomainConfig domain) {
        Objects.requireNonNull(domain, "domain");
        List<String> problems = new ArrayList<>();
        GeneratorConfig generator = domain.generator();
        // sessions has required keys, so it is null when the domain has none; fraud is always there (all its keys are
        // optional), and injects nothing without an event or at rate 0.
        GeneratorConfig.SessionConfig sessionConfig = generator.sessions();
        GeneratorConfig.FraudConfig fraudConfig = generator.fraud().event() == null || generator.fraud().rate() <= 0 ? null : generator.fraud();
        Map<String, EventTypeConfig> eventConfigs = domain.events();
        if (eventConfigs.isEmpty()) {
            problems.add("the domain has no events; add at least one under events:");
        }
        String ownerName = sessionConfig == null ? null : sessionConfig.entity();
        if (ownerName != null && !domain.entities().containsKey(ownerName)) {
            problems.add("generator.sessions.entity: unknown entity '" + ownerName + "'; declare it under entities:");
            ownerName = null;
        }
        EntityPools pools = new EntityPools(domain.entities(), ownerName);

        Map<String, Integer> stickySlotByName = stickySlots(eventConfigs);
        String labelEvent = fraudConfig == null ? null : fraudConfig.event();
        String labelField = fraudConfig == null ? null : fraudConfig.labelField();

        EventPlan[] events = new EventPlan[eventConfigs.size()];
        int e = 0;
        for (EventTypeConfig event : eventConfigs.values()) {
            String label = event.name().equals(labelEvent) ? labelField : null;
            events[e] = compileEvent(e, domain, event, pools, stickySlotByName, label, problems);
            e++;
        }
        Map<String, EventPlan> byName = new HashMap<>();
        for (EventPlan plan : events) {
            byName.put(plan.name(), plan);
        }

        SessionPlan sessions = null;
        if (sessionConfig != null && ownerName != null) {
            sessions = compileSessions(sessionConfig, pools, byName, problems);
        }

        Map<String, Double> backgroundWeights = new LinkedHashMap<>();
        if (!generator.backgroundEvents().isEmpty()) {
            generator.backgroundEvents().forEach((name, weight) -> {
                if (!byName.containsKey(name)) {
                    problems.add("generator.backgroundEvents." + name + ": unknown event type; known: " + eventConfigs.keySet());
                } else if (weight == null || weight < 0) {
                    problems.add("generator.backgroundEvents." + name + ": weight must be >= 0");
                } else if (weight > 0) {
                    backgroundWeights.put(name, weight);
                }
            });
        } else {
            // Sensible default: every event type the sessions never produce still appears, one per session on average.
            for (EventPlan plan : events) {
                if (sessions == null || !inSessions(sessions, plan)) {
                    backgroundWeights.put(plan.name(), sessions == null ? 1.0 : 1.0 / Math.max(1, events.length));
                }
            }
        }
        EventPlan[] background = new EventPlan[backgroundWeights.size()];
        double[] cumulative = new double[backgroundWeights.size()];
        double total = 0;
        int b = 0;
        for (Map.Entry<String, Double> entry : backgroundWeights.entrySet()) {
            background[b] = byName.get(entry.getKey());
            total += entry.getValue();
            cumulative[b++] = total;
        }
        if (sessions == null && background.length == 0 && events.length > 0) {
            problems.add("generator: no sessions and no background events with a positive weight, so nothing would be generated");
        }

        FraudPlan fraud = null;
        if (fraudConfig != null) {
            EventPlan fraudEvent = byName.get(fraudConfig.event());
            if (fraudEvent == null) {
                problems.add("generator.fraud.event: unknown event type '" + fraudConfig.event() + "'");
            } else {
                fraud = FraudPlan.compile(fraudConfig, fraudEvent, pools, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new GeneratorConfigException(domain.name(), problems);
        }
        return new GeneratorPlan(domain, pools, events, sessions, background, cumulative, stickySlotByName.size(), fraud);
    }

    private static boolean inSessions(SessionPlan sessions, EventPlan plan) {
        for (EventPlan step : sessions.steps) {
            if (step == plan) {
                return true;
            }
        }
        return false;
    }

    /**
     * Names whose value stays the same within a session: places (a visit happens in one country) and any field that
     * several event types share with the same type (the device class of page views, cart adds and purchases).
     */
    private static Map<String, Integer> stickySlots(Map<String, EventTypeConfig> events) {
        Map<String, FieldConfig> firstByName = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        Map<String, Boolean> consistent = new HashMap<>();
        for (EventTypeConfig event : events.values()) {
            for (FieldConfig field : event.fields()) {
                if (field.entity() != null) {
                    continue;
                }
                FieldConfig first = firstByName.putIfAbsent(field.name(), field);
                count.merge(field.name(), 1, Integer::sum);
                if (first != null && (first.type() != field.type()
                        || first.type() == FieldType.ENUM && !Objects.equals(first.symbols(), field.symbols()))) {
                    consistent.put(field.name(), false);
                }
            }
        }
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (EventTypeConfig event : events.values()) {
            for (FieldConfig field : event.fields()) {
                String name = field.name();
                if (field.entity() != null || slots.containsKey(name) || field.type() == FieldType.BOOLEAN
                        || !consistent.getOrDefault(name, true)) {
                    continue;
                }
                if (FieldPlan.isLocationName(name) || count.getOrDefault(name, 0) > 1) {
                    slots.put(name, slots.size());
                }
            }
        }
        return slots;
    }

    private static EventPlan compileEvent(int index, DomainConfig domain, EventTypeConfig event, EntityPools pools,
                                          Map<String, Integer> stickySlots, String labelField, List<String> problems) {
        List<FieldConfig> configs = event.fields();
        FieldPlan[] fields = new FieldPlan[configs.size()];
        int keyField = -1;
        int label = -1;
        for (int i = 0; i < configs.size(); i++) {
            FieldConfig field = configs.get(i);
            String where = "events." + event.name() + ".fields." + field.name();
            if (field.name().equals(event.key())) {
                keyField = i;
            }
            if (field.type() == FieldType.ENUM) {
                for (String value : field.generate().values()) {
                    if (!field.symbols().contains(value)) {
                        problems.add(where + ".generate.values: '" + value + "' is not one of the symbols " + field.symbols());
                    }
                }
            }
            if (field.name().equals(labelField)) {
                if (field.type() != FieldType.BOOLEAN) {
                    problems.add("generator.fraud.labelField: '" + labelField + "' of " + event.name() + " must be a boolean field");
                }
                label = i;
                fields[i] = new FieldPlan(i, field, FieldRole.LABEL, -1, 0, null, -1, false);
                continue;
            }
            if (field.entity() != null) {
                int entity;
                try {
                    entity = pools.entityIndex(field.entity());
                } catch (IllegalArgumentException unknown) {
                    problems.add(where + ".entity: unknown entity '" + field.entity() + "'; declare it under entities:");
                    continue;
                }
                if (field.type() != FieldType.STRING) {
                    problems.add(where + ": entity ids are strings, but the field is " + field.type().name().toLowerCase() + "; use type: string");
                }
                FieldRole role = pools.isOwner(entity) ? FieldRole.OWNER : pools.isOwned(entity) ? FieldRole.OWNED : FieldRole.SHARED;
                double nullRate = 0;
                if (field.optional()) {
                    nullRate = field.generate().nullRate() != null
                            ? field.generate().nullRate() : FieldValueGenerator.DEFAULT_OPTIONAL_NULL_RATE;
                }
                fields[i] = new FieldPlan(i, field, role, entity, nullRate, null, -1, false);
                continue;
            }
            FieldValueGenerator generator = FieldValueGenerator.forField(event, field, problems);
            Integer slot = stickySlots.get(field.name());
            fields[i] = new FieldPlan(i, field, FieldRole.VALUE, -1, 0, generator, slot == null ? -1 : slot,
                    FieldPlan.isLocationName(field.name()));
        }
        if (event.key() != null && keyField < 0) {
            problems.add("events." + event.name() + ".key: '" + event.key() + "' is not a field of the event");
        }
        if (labelField != null && label < 0) {
            problems.add("generator.fraud.labelField: '" + labelField + "' is not a field of " + event.name()
                    + "; add { name: " + labelField + ", type: boolean }");
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] == null) {
                // Already reported; keep the plan usable for further checks.
                fields[i] = new FieldPlan(i, configs.get(i), FieldRole.VALUE, -1, 0,
                        new FieldValueGenerator.Constant(null), -1, false);
            }
        }
        return new EventPlan(index, event, fields, generationOrder(fields, event.name(), problems), keyField, label);
    }

    /** A field comes after the field its dependsOn names; otherwise schema order. Cycles are reported. */
    private static int[] generationOrder(FieldPlan[] fields, String event, List<String> problems) {
        int[] order = new int[fields.length];
        boolean[] placed = new boolean[fields.length];
        int n = 0;
        boolean progress = true;
        while (n < fields.length && progress) {
            progress = false;
            for (FieldPlan field : fields) {
                int dependency = dependencyOf(field);
                if (!placed[field.index] && (dependency < 0 || placed[dependency])) {
                    order[n++] = field.index;
                    placed[field.index] = true;
                    progress = true;
                }
            }
        }
        if (n < fields.length) {
            problems.add("events." + event + ": the dependsOn of its fields form a cycle; a field may only depend on one that does not depend on it");
            for (FieldPlan field : fields) {
                if (!placed[field.index]) {
                    order[n++] = field.index;
                }
            }
        }
        return order;
    }

    private static int dependencyOf(FieldPlan field) {
        FieldValueGenerator g = field.generator;
        if (g instanceof FieldValueGenerator.Nullable nullable) {
            g = nullable.inner();
        }
        return g instanceof FieldValueGenerator.ByDependency by ? by.dependency() : -1;
    }

    private static SessionPlan compileSessions(GeneratorConfig.SessionConfig config, EntityPools pools,
                                               Map<String, EventPlan> events, List<String> problems) {
        List<GeneratorConfig.FunnelStepConfig> stepConfigs = config.steps();
        if (stepConfigs.isEmpty()) {
            problems.add("generator.sessions.steps: no steps; list the funnel, e.g. - { event: page_view, maxRepeat: 10 }");
        }
        int n = stepConfigs.size();
        EventPlan[] steps = new EventPlan[n];
        double[] probability = new double[n];
        int[] min = new int[n];
        int[] max = new int[n];
        for (int i = 0; i < n; i++) {
            GeneratorConfig.FunnelStepConfig step = stepConfigs.get(i);
            steps[i] = events.get(step.event());
            if (steps[i] == null) {
                problems.add("generator.sessions.steps[" + i + "].event: unknown event type '" + step.event() + "'");
            }
            probability[i] = step.probability();
            min[i] = Math.max(0, step.minRepeat());
            max[i] = Math.max(min[i], step.maxRepeat());
            if (step.probability() < 0 || step.probability() > 1) {
                problems.add("generator.sessions.steps[" + i + "].probability: must be between 0 and 1");
            }
            if (step.maxRepeat() < step.minRepeat()) {
                problems.add("generator.sessions.steps[" + i + "]: maxRepeat " + step.maxRepeat() + " < minRepeat " + step.minRepeat());
            }
        }
        Duration gap = config.meanGap();
        if (gap.isNegative() || gap.isZero()) {
            problems.add("generator.sessions.meanGap: must be positive, e.g. 20s");
        }
        if (problems.stream().anyMatch(p -> p.startsWith("generator.sessions"))) {
            return null;
        }
        return new SessionPlan(pools.ownerEntity(), steps, probability, min, max, gap.toMillis());
    }
}
