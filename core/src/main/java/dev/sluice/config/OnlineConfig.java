package dev.sluice.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code online:} of an aggregation: its newest window per entity is also kept in Redis, one hash per entity, for
 * point lookups at request time (dev.sluice.online). Allowed only when the aggregation groups by one entity dimension.
 */
public record OnlineConfig(
        @Required @Doc("How long an entity's features stay in Redis after their last write, e.g. 30 minutes.") Duration ttl,
        @Doc("Derived boolean features, each a condition over one measure, e.g. is_high_velocity: { measure: transactions, op: ge, value: \"5\" }.")
        Map<String, FeatureFlagConfig> flags) {
}
