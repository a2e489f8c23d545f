package dev.sluice.endtoend;

import dev.sluice.compile.MeasureCompiler;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.WindowConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one aggregation's ClickHouse table must hold, computed in plain Java from the generated events, the
 * aggregation's config and the batch boundaries of the run, without Spark or Sluice's compiler. The rules are the
 * documented ones (spark-jobs/README.md, docs, the config reference), stated again here on purpose:
 *
 * <ul>
 *   <li><b>filter</b>: only events matching every condition are aggregated; {@code eq gt ge lt le in} are false for a
 *       null field, {@code ne not_in} true;</li>
 *   <li><b>watermark</b>: batch N runs with {@code W(N) = max(W(N-1), max event time of batch N-1 - delay)}, over the
 *       events that passed the filter, {@code W(0) = 0};</li>
 *   <li><b>late</b>: an event of batch N is dropped and recorded in {@code sluice_late_events} iff its drop bound is
 *       {@code <= W(N-1)}: the event time when de-duplicating, else the end of the last window covering it. Without
 *       de-duplication, a sliding-window event is left out of each of its windows whose end is {@code <= W(N-1)}: when
 *       that is some but not all of them it is partly late, counted in the others and recorded with the windows it
 *       missed;</li>
 *   <li><b>windows</b>: epoch-aligned {@code [start, start + size)}; sliding windows every {@code slide}, each event in
 *       all {@code size / slide} windows that contain it;</li>
 *   <li><b>output mode</b>: update writes every window that has an aggregated event; append writes a window once the
 *       watermark has reached its end, so the table holds exactly the windows with {@code end <= W(last batch)};</li>
 *   <li><b>dimensions</b>: the field as text, {@code ''} for null;</li>
 *   <li><b>measures</b>: count, sum (0 when empty), min, max, avg (null when empty), ratio (null for a zero
 *       denominator), each over the events meeting its {@code where}; approx_distinct and approx_percentile are
 *       checked against the exact values within their documented error.</li>
 * </ul>
 * Session windows are not covered: whether a late-arriving event joins a session depends on whether Spark has already
 * closed that session, i.e. on batch timing beyond the watermark, so no batch-independent expectation exists.
 */
final class ExpectedAggregation {

    /** The accuracy Sluice passes to percentile_approx: the rank error its results may have is n / accuracy. */
    static final int PERCENTILE_ACCURACY = MeasureCompiler.PERCENTILE_ACCURACY;

    record RowKey(long windowStartSeconds, long windowEndSeconds, List<String> dimensions) {
        @Override
        public String toString() {
            return "[" + Instant.ofEpochSecond(windowStartSeconds) + ", " + Instant.ofEpochSecond(windowEndSeconds) + ") " + dimensions;
        }
    }

    /**
     * An event the job must have recorded as late: its event time, the watermark it was behind, and the windows it is
     * missing from (all of them unless partly late; the event time for both starts of a session).
     */
    record LateEvent(String eventId, long eventTimeMs, long watermarkMs, long batchId, boolean partly, long missedWindows,
                     long firstMissedStartMs, long lastMissedStartMs) {
    }

    /**
     * @param watermarks  expected batchWatermarkMs of every batch, by batch id
     * @param late        the events that must be in the late-events table, by id
     * @param rows        the rows the {@code _current} view must hold, measures by name
     * @param aggregated  events counted in the aggregate (passed the filter, not late)
     * @param filteredOut events the filter removed
     * @param maxEventTimeMs newest event time among the events that passed the filter (they alone move the watermark)
     */
    record Result(List<Long> watermarks, Map<String, LateEvent> late, Map<RowKey, Map<String, ExpectedValue>> rows,
                  long aggregated, long filteredOut, long maxEventTimeMs) {
    }

    private final DomainConfig domain;
    private final AggregationConfig aggregation;
    private final EventTypeConfig event;
    private final long sizeMs;
    private final long slideMs;

    ExpectedAggregation(DomainConfig domain, AggregationConfig aggregation) {
        this.domain = domain;
        this.aggregation = aggregation;
        this.event = domain.event(aggregation.event());
        WindowConfig window = aggregation.window();
        if (window.type() == WindowConfig.WindowType.SESSION) {
            throw new IllegalArgumentException(aggregation.name() + ": session windows have no batch-independent expectation (see the class comment)");
        }
        this.sizeMs = window.size().toMillis();
        this.slideMs = window.type() == WindowConfig.WindowType.SLIDING ? window.slide().toMillis() : sizeMs;
        if (sizeMs % 1000 != 0 || slideMs % 1000 != 0) {
            throw new IllegalArgumentException(aggregation.name() + ": windows must be whole seconds (ClickHouse 18.16 stores DateTime in seconds)");
        }
    }

    /**
     * @param events the valid events of the aggregation's topic (malformed records are dead letters, not events)
     * @param log    the query's batches; every event must have been read by one of them
     */
    Result compute(List<InputEvent> events, BatchLog log) {
        // Which events pass the filter, and which batch read each.
        List<List<InputEvent>> byBatch = new ArrayList<>();
        for (int i = 0; i < log.batches().size(); i++) {
            byBatch.add(new ArrayList<>());
        }
        long filteredOut = 0;
        long maxEventTime = 0;
        Set<String> ids = new HashSet<>();
        for (InputEvent e : events) {
            if (!ids.add(e.eventId())) {
                // The generator never repeats an id, so de-duplication has nothing to remove; a repeat would need the
                // within-watermark rule of dropDuplicatesWithinWatermark modelled here.
                throw new IllegalArgumentException("event id " + e.eventId() + " occurs twice in the input");
            }
            if (!matchesAll(e, aggregation.filter())) {
                filteredOut++;
                continue;
            }
            long batch = log.batchOf(e.partition(), e.offset());
            if (batch < 0) {
                throw new AssertionError(aggregation.name() + ": event " + e.eventId() + " at partition " + e.partition() + " offset "
                        + e.offset() + " was never read by the query (last batch " + log.last() + ")");
            }
            byBatch.get((int) batch).add(e);
            maxEventTime = Math.max(maxEventTime, e.eventTimeMs());
        }

        // Watermarks, batch by batch.
        long delay = aggregation.watermark().toMillis();
        List<Long> watermarks = new ArrayList<>();
        long watermark = 0;
        for (int n = 0; n < byBatch.size(); n++) {
            if (n > 0) {
                List<InputEvent> previous = byBatch.get(n - 1);
                if (!previous.isEmpty()) {
                    long max = previous.stream().mapToLong(InputEvent::eventTimeMs).max().orElseThrow();
                    watermark = Math.max(watermark, max - delay);
                }
            }
            watermarks.add(watermark);
        }

        // Late events, and the aggregate over everything else.
        Map<String, LateEvent> late = new LinkedHashMap<>();
        Map<RowKey, List<InputEvent>> groups = new TreeMap<>(ExpectedAggregation::compareKeys);
        long aggregated = 0;
        for (int n = 0; n < byBatch.size(); n++) {
            long lateWatermark = n == 0 ? 0 : watermarks.get(n - 1);
            for (InputEvent e : byBatch.get(n)) {
                List<Long> starts = windowStarts(e.eventTimeMs());
                long firstStart = starts.get(starts.size() - 1);
                long lastStart = starts.get(0);
                if (dropBound(e.eventTimeMs()) <= lateWatermark) {
                    late.put(e.eventId(), new LateEvent(e.eventId(), e.eventTimeMs(), lateWatermark, n, false, starts.size(), firstStart, lastStart));
                    continue;
                }
                List<Long> open = starts;
                if (!aggregation.deduplicate()) {
                    open = starts.stream().filter(start -> start + sizeMs > lateWatermark).toList();
                    List<Long> missed = starts.stream().filter(start -> start + sizeMs <= lateWatermark).toList();
                    if (!missed.isEmpty()) {
                        late.put(e.eventId(), new LateEvent(e.eventId(), e.eventTimeMs(), lateWatermark, n, true, missed.size(),
                                missed.get(missed.size() - 1), missed.get(0)));
                    }
                }
                aggregated++;
                List<String> dimensions = dimensions(e);
                for (long start : open) {
                    groups.computeIfAbsent(new RowKey(start / 1000, (start + sizeMs) / 1000, dimensions), k -> new ArrayList<>()).add(e);
                }
            }
        }
        long finalWatermark = watermarks.isEmpty() ? 0 : watermarks.get(watermarks.size() - 1);
        Map<RowKey, Map<String, ExpectedValue>> rows = new LinkedHashMap<>();
        for (Map.Entry<RowKey, List<InputEvent>> group : groups.entrySet()) {
            boolean closed = group.getKey().windowEndSeconds() * 1000 <= finalWatermark;
            if (aggregation.outputMode() == AggregationConfig.OutputMode.APPEND && !closed) {
                continue;
            }
            rows.put(group.getKey(), measures(group.getValue()));
        }
        return new Result(watermarks, late, rows, aggregated, filteredOut, maxEventTime);
    }

    /** Event time with de-duplication; else the end of the last window that covers the event. */
    long dropBound(long eventTimeMs) {
        if (aggregation.deduplicate()) {
            return eventTimeMs;
        }
        return lastWindowStart(eventTimeMs) + sizeMs;
    }

    private long lastWindowStart(long t) {
        return t - Math.floorMod(t, slideMs);
    }

    /** The starts of the windows covering t, latest first. */
    List<Long> windowStarts(long t) {
        List<Long> starts = new ArrayList<>();
        for (long start = lastWindowStart(t); start > t - sizeMs; start -= slideMs) {
            starts.add(start);
        }
        return starts;
    }

    private List<String> dimensions(InputEvent e) {
        List<String> values = new ArrayList<>();
        for (String name : aggregation.groupBy() == null ? List.<String>of() : aggregation.groupBy()) {
            DimensionConfig dimension = domain.dimensions().get(name);
            values.add(text(e.field(dimension.effectiveField())));
        }
        return values;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("dimension values of type " + value.getClass().getSimpleName()
                + " are not modelled (Spark's text form of doubles and timestamps differs from Java's)");
    }

    private Map<String, ExpectedValue> measures(List<InputEvent> events) {
        Map<String, Object> exact = new LinkedHashMap<>();
        Map<String, ExpectedValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, MeasureConfig> entry : aggregation.measures().entrySet()) {
            MeasureConfig measure = entry.getValue();
            if (measure.type() == MeasureType.RATIO) {
                continue;
            }
            List<InputEvent> contributing = events.stream().filter(e -> matchesAll(e, measure.where())).toList();
            ExpectedValue value = measure(measure, contributing);
            out.put(entry.getKey(), value);
            if (value instanceof ExpectedValue.Exact x) {
                exact.put(entry.getKey(), x.value());
            }
        }
        Map<String, ExpectedValue> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, MeasureConfig> entry : aggregation.measures().entrySet()) {
            MeasureConfig measure = entry.getValue();
            if (measure.type() != MeasureType.RATIO) {
                ordered.put(entry.getKey(), out.get(entry.getKey()));
                continue;
            }
            if (!exact.containsKey(measure.numerator()) || !exact.containsKey(measure.denominator())) {
                throw new IllegalArgumentException("ratio " + entry.getKey() + " over an approximate measure is not modelled");
            }
            Number numerator = (Number) exact.get(measure.numerator());
            Number denominator = (Number) exact.get(measure.denominator());
            ordered.put(entry.getKey(), new ExpectedValue.Exact(denominator == null || denominator.doubleValue() == 0 || numerator == null
                    ? null : numerator.doubleValue() / denominator.doubleValue()));
        }
        return ordered;
    }

    private ExpectedValue measure(MeasureConfig measure, List<InputEvent> contributing) {
        if (measure.type() == MeasureType.COUNT) {
            return new ExpectedValue.Exact((long) contributing.size());
        }
        FieldType type = event.fieldType(measure.field()).orElseThrow();
        List<Object> values = contributing.stream().map(e -> e.field(measure.field())).filter(Objects::nonNull).toList();
        switch (measure.type()) {
            case SUM -> {
                if (type == FieldType.DOUBLE) {
                    return new ExpectedValue.Close(values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum(), 1e-9);
                }
                return new ExpectedValue.Exact(values.stream().mapToLong(v -> ((Number) v).longValue()).sum());
            }
            case AVG -> {
                if (values.isEmpty()) {
                    return new ExpectedValue.Exact(null);
                }
                if (type == FieldType.DOUBLE) {
                    return new ExpectedValue.Close(values.stream().mapToDouble(v -> ((Number) v).doubleValue()).average().orElseThrow(), 1e-9);
                }
                // Spark averages integers as a double sum divided by the count; integer sums below 2^53 are exact.
                long sum = values.stream().mapToLong(v -> ((Number) v).longValue()).sum();
                return new ExpectedValue.Exact((double) sum / values.size());
            }
            case MIN, MAX -> {
                if (values.isEmpty()) {
                    return new ExpectedValue.Exact(null);
                }
                Object best = null;
                for (Object v : values) {
                    if (best == null || (measure.type() == MeasureType.MIN ? compare(type, v, best) < 0 : compare(type, v, best) > 0)) {
                        best = v;
                    }
                }
                return new ExpectedValue.Exact(best);
            }
            case DISTINCT -> {
                return new ExpectedValue.Exact((long) new HashSet<>(values).size());
            }
            case APPROX_DISTINCT -> {
                double rsd = measure.relativeError() <= 0 ? 0.02 : measure.relativeError();
                return new ExpectedValue.Distinct(new HashSet<>(values).size(), rsd);
            }
            case APPROX_PERCENTILE -> {
                double[] sorted = values.stream().mapToDouble(v -> ((Number) v).doubleValue()).sorted().toArray();
                return new ExpectedValue.Percentile(sorted, measure.percentile(), PERCENTILE_ACCURACY);
            }
            default -> throw new IllegalStateException("unexpected measure type " + measure.type());
        }
    }

    private boolean matchesAll(InputEvent e, List<ConditionConfig> conditions) {
        if (conditions == null) {
            return true;
        }
        for (ConditionConfig condition : conditions) {
            if (!matches(e, condition)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(InputEvent e, ConditionConfig condition) {
        FieldType type = event.fieldType(condition.field()).orElseThrow(() -> new IllegalArgumentException(
                "condition on unknown field " + condition.field()));
        Object value = e.field(condition.field());
        ConditionConfig.Operator op = condition.op() == null ? ConditionConfig.Operator.EQ : condition.op();
        return switch (op) {
            case IS_NULL -> value == null;
            case NOT_NULL -> value != null;
            case EQ -> value != null && compare(type, value, typed(type, condition.value())) == 0;
            case NE -> value == null || compare(type, value, typed(type, condition.value())) != 0;
            case GT -> value != null && compare(type, value, typed(type, condition.value())) > 0;
            case GE -> value != null && compare(type, value, typed(type, condition.value())) >= 0;
            case LT -> value != null && compare(type, value, typed(type, condition.value())) < 0;
            case LE -> value != null && compare(type, value, typed(type, condition.value())) <= 0;
            case IN -> value != null && condition.values().stream().anyMatch(v -> compare(type, value, typed(type, v)) == 0);
            case NOT_IN -> value == null || condition.values().stream().noneMatch(v -> compare(type, value, typed(type, v)) == 0);
        };
    }

    /** A condition's YAML text as a value of the field's type. */
    private static Object typed(FieldType type, String text) {
        String trimmed = text.trim();
        return switch (type) {
            case STRING, ENUM -> text;
            case INT, LONG, MONEY -> Long.parseLong(trimmed);
            case DOUBLE -> Double.parseDouble(trimmed);
            case BOOLEAN -> Boolean.parseBoolean(trimmed);
            case TIMESTAMP -> trimmed.matches("-?\\d+") ? Long.parseLong(trimmed) : Instant.parse(trimmed).toEpochMilli();
        };
    }

    private static int compare(FieldType type, Object a, Object b) {
        return switch (type) {
            case STRING, ENUM -> a.toString().compareTo(b.toString());
            case INT, LONG, MONEY, TIMESTAMP -> Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            case DOUBLE -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
        };
    }

    private static int compareKeys(RowKey a, RowKey b) {
        int c = Long.compare(a.windowStartSeconds(), b.windowStartSeconds());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.windowEndSeconds(), b.windowEndSeconds());
        if (c != 0) {
            return c;
        }
        return String.join("\u0000", a.dimensions()).compareTo(String.join("\u0000", b.dimensions()));
    }

    /** For messages: the aggregation's name and its event type. */
    String describe() {
        return domain.name() + "." + aggregation.name() + " (" + event.name() + ", " + aggregation.window().type().name().toLowerCase()
                + ", " + aggregation.outputMode().name().toLowerCase() + (aggregation.deduplicate() ? ", de-duplicated" : "") + ")";
    }
}
