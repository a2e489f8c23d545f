package dev.sluice.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One aggregation: a windowed group-by over one event type, compiled into one streaming query and one table. */
public record AggregationConfig(
        @Required @Doc("Aggregation name (the key under aggregations).") String name,
        @Doc("What the aggregation answers, for SQL users.") String description,
        @Required @Doc("Event type aggregated (events key).") String event,
        @Required @Doc("Window over event time.") WindowConfig window,
        @Required @Doc("How long to wait for late events before a window is final, e.g. 2 minutes.") Duration watermark,
        @Doc("Dimensions to group by (dimensions keys).") List<String> groupBy,
        @Doc("Only events matching all these conditions are aggregated.") List<ConditionConfig> filter,
        @Required @Doc("Measures computed per window and group, in column order.") Map<String, MeasureConfig> measures,
        @Default("update") @Doc("append: one final row per window once the watermark passes; update: running values overwritten in place.")
        OutputMode outputMode,
        @Doc("ClickHouse table; defaults to <domain>_<aggregation>.") String table,
        @Doc("Processing-time trigger of this query; defaults to spark.triggerInterval.") Duration trigger,
        @Default("false") @Doc("Drop repeated event_ids within the watermark so a producer retry or replayed event counts once.") boolean deduplicate,
        @Default("earliest") @Doc("Where a new query starts reading: earliest (all retained data) or latest (only new events).") StartingOffsets startingOffsets,
        @Doc("Records per trigger; defaults to spark.maxOffsetsPerTrigger.") Long maxOffsetsPerTrigger,
        @Doc("Also serve each entity's newest window from Redis (needs a group-by of one entity dimension), e.g. online: { ttl: 30 minutes }.")
        OnlineConfig online) {

    public enum OutputMode { APPEND, UPDATE }

    public enum StartingOffsets { EARLIEST, LATEST }
}
