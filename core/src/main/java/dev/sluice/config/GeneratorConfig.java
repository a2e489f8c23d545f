package dev.sluice.config;

import java.util.List;
import java.util.Map;

/** Domain-level behaviour of the synthetic event generator. */
public record GeneratorConfig(
        @Doc("Sessions: the unit of realistic activity; an entity performs steps (a funnel) with a pause between events.")
        SessionConfig sessions,
        @Doc("Fraud injection (payments-like domains).") FraudConfig fraud,
        @Doc("Relative weights of events produced outside sessions, by event type.") Map<String, Double> backgroundEvents) {

    public record SessionConfig(
            @Required @Doc("Entity that owns a session (entities key).") String entity,
            @Required @Doc("Funnel steps in order.") List<FunnelStepConfig> steps,
            @Default("20s") @Doc("Median pause between two events of one session.") java.time.Duration meanGap) {
    }

    public record FunnelStepConfig(
            @Required @Doc("Event type of this step.") String event,
            @Default("1.0") @Doc("Probability that a session reaching this step performs it.") double probability,
            @Default("1") @Doc("Fewest repetitions of the step.") int minRepeat,
            @Default("1") @Doc("Most repetitions of the step.") int maxRepeat) {
    }

    public record FraudConfig(
            @Default("0.01") @Doc("Fraction of events that belong to a fraud pattern.") double rate,
            @Doc("Event type the fraud patterns produce (e.g. transaction).") String event,
            @Doc("Boolean field marking an event as fraud (ground truth for tests and demos).") String labelField,
            @Doc("Patterns to inject: card_testing, burst, geo_anomaly, risky_merchant.") List<String> patterns) {
    }
}
