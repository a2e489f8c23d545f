package dev.sluice.bench;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An aggregation whose freshness can be measured from ClickHouse alone: a tumbling window in update mode (every batch
 * rewrites the windows it touched, so an event shows as soon as its batch commits), no filter, and an unconditional
 * count measure, so that the sum of that count over a window's rows is exactly the number of the window's events
 * processed so far. Append-mode windows become visible only once final (window + watermark later: a different
 * figure), sliding windows count each event several times and sessions have no fixed window to count in.
 *
 * @param countColumn the unconditional count measure
 * @param windowMillis tumbling window size
 */
record FreshnessTarget(String aggregation, String event, String table, String countColumn, long windowMillis) {

    /** The domain's measurable aggregations, and why each other one is not measured. */
    record Selection(Map<String, FreshnessTarget> targets, Map<String, String> excluded) {
    }

    static Selection select(DomainConfig domain) {
        Map<String, FreshnessTarget> targets = new LinkedHashMap<>();
        Map<String, String> excluded = new LinkedHashMap<>();
        for (AggregationConfig aggregation : domain.aggregations().values()) {
            Optional<String> reason = whyNot(aggregation);
            if (reason.isPresent()) {
                excluded.put(aggregation.name(), reason.get());
            } else {
                targets.put(aggregation.name(), new FreshnessTarget(aggregation.name(), aggregation.event(),
                        AggregationColumns.tableName(domain, aggregation), unconditionalCount(aggregation).orElseThrow(),
                        aggregation.window().size().toMillis()));
            }
        }
        return new Selection(targets, excluded);
    }

    static Optional<String> whyNot(AggregationConfig aggregation) {
        if (aggregation.outputMode() != AggregationConfig.OutputMode.UPDATE) {
            return Optional.of("append mode: a window appears once final, after window + watermark");
        }
        if (aggregation.window().type() != WindowConfig.WindowType.TUMBLING) {
            return Optional.of(aggregation.window().type().name().toLowerCase(java.util.Locale.ROOT) + " window");
        }
        if (!aggregation.filter().isEmpty()) {
            return Optional.of("filtered: its counts are not the events produced");
        }
        if (unconditionalCount(aggregation).isEmpty()) {
            return Optional.of("no unconditional count measure");
        }
        return Optional.empty();
    }

    private static Optional<String> unconditionalCount(AggregationConfig aggregation) {
        return aggregation.measures().values().stream()
                .filter(m -> m.type() == MeasureConfig.MeasureType.COUNT && m.where().isEmpty())
                .map(MeasureConfig::name).findFirst();
    }

    long windowStart(long eventTimeMillis) {
        return Math.floorDiv(eventTimeMillis, windowMillis) * windowMillis;
    }
}
