package dev.sluice.sink.online;

import dev.sluice.compile.CompiledAggregation;

/** Which {@link OnlineSink} an aggregation's query gets: none without {@code online:}. */
@FunctionalInterface
public interface OnlineSinks {

    OnlineSink forAggregation(CompiledAggregation aggregation);

    /** No online writes at all (jobs and tests that only measure or check ClickHouse). */
    OnlineSinks NONE = aggregation -> OnlineSink.NONE;
}
