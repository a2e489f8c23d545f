package dev.sluice.generate;

import dev.sluice.config.DomainConfig;

/** Entry point of the pure generator: a domain config and options in, a deterministic stream of events out. */
public final class EventGenerator {

    private EventGenerator() {
    }

    /** @throws GeneratorConfigException when the domain's generator settings are unusable (bad config) */
    public static EventStream stream(DomainConfig domain, GeneratorOptions options) {
        return new EventStream(GeneratorPlan.compile(domain), options);
    }

    /** Reuses an already compiled plan (compiling checks the whole domain, so do it once per run). */
    public static EventStream stream(GeneratorPlan plan, GeneratorOptions options) {
        return new EventStream(plan, options);
    }
}
