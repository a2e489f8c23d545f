package dev.sluice.cli.chaos;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DimensionConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;
import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.EventStream;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.run.Manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an aggregation's ClickHouse rows against the events the generator sent, recomputed from the manifest's seed
 * and options with the pure generator (independent of Spark): per window and group, the number of events must equal
 * the row's unconditional count, except events the job reported late (by id, from the late-events table), which are
 * rightly not counted. A row short of its events is loss, a row over them is double counting; dead letters must be
 * exactly the malformed records sent. Every event is classified once (aggregated, late, dead letter or lost), so that
 * {@code produced = reconciled + lost - duplicated} whatever went wrong (short of late-event ids that name no event
 * sent, which are reported as a problem).
 *
 * <p>Applies to tumbling-window aggregations in update mode with an unconditional count and no filter. Sliding
 * windows are left out: an event late for its earlier windows still counts in the later, open ones, and which
 * windows were open is not recorded per event; append mode writes only windows the watermark closed.
 */
final class CountReconciler {

    /** One aggregation's accounting. */
    record Result(String aggregation, long valid, long malformed, long aggregated, long late, long deadLetters, int windows,
                  int exactWindows, long lost, long duplicated, List<String> problems) {

        long produced() {
            return valid + malformed;
        }

        long reconciled() {
            return aggregated + late + deadLetters;
        }
    }

    /** What the generator says it sent to one topic. */
    record Sent(long valid, long malformed) {
    }

    private final DomainConfig domain;
    private final GeneratorOptions options;
    private final Map<String, Sent> sentByTopic;
    private final ClickHouseQueries clickHouse;
    private final String database;

    CountReconciler(DomainConfig domain, GeneratorOptions options, Map<String, Sent> sentByTopic, ClickHouseQueries clickHouse, String database) {
        this.domain = domain;
        this.options = options;
        this.sentByTopic = Map.copyOf(sentByTopic);
        this.clickHouse = clickHouse;
        this.database = database;
    }

    /** For a generate run's manifest: its options re-create the events, its topic counts say what reached Kafka. */
    static CountReconciler forManifest(DomainConfig domain, Manifest manifest, ClickHouseQueries clickHouse, String database) {
        Map<String, Sent> sent = new HashMap<>();
        manifest.topics().forEach((topic, t) -> sent.put(topic, new Sent(t.valid(), t.malformed())));
        return new CountReconciler(domain, options(manifest), sent, clickHouse, database);
    }

    /** Why the aggregation cannot be reconciled by counts, or empty when it can. */
    static Optional<String> notReconcilable(AggregationConfig aggregation) {
        if (aggregation.window().type() != WindowConfig.WindowType.TUMBLING) {
            return Optional.of(aggregation.window().type().name().toLowerCase() + " windows");
        }
        if (aggregation.outputMode() == AggregationConfig.OutputMode.APPEND) {
            return Optional.of("append mode");
        }
        if (!aggregation.filter().isEmpty()) {
            return Optional.of("a filter");
        }
        if (unconditionalCount(aggregation).isEmpty()) {
            return Optional.of("no unconditional count");
        }
        return Optional.empty();
    }

    Result reconcile(AggregationConfig aggregation) {
        EventTypeConfig event = domain.event(aggregation.event());
        String count = unconditionalCount(aggregation).orElseThrow();
        List<String> dimensions = aggregation.groupBy();
        long size = aggregation.window().size().toMillis();
        List<String> problems = new ArrayList<>();

        Set<String> late = new HashSet<>();
        for (List<String> row : clickHouse.select("SELECT event_id FROM " + Sql.qualified(database, SluiceTables.LATE_EVENTS + "_current")
                + " WHERE domain = " + Sql.literal(domain.name()) + " AND aggregation = " + Sql.literal(aggregation.name()))) {
            late.add(row.get(0));
        }

        Map<List<String>, Long> expected = new HashMap<>();
        Set<String> lateSeen = new HashSet<>();
        long valid = 0;
        EventStream stream = EventGenerator.stream(domain, options);
        while (stream.hasNext()) {
            GeneratedEvent generated = stream.next();
            if (!generated.valid() || !generated.eventType().equals(event.name())) {
                continue;
            }
            valid++;
            if (late.contains(generated.eventId())) {
                lateSeen.add(generated.eventId());
                continue;
            }
            List<String> key = new ArrayList<>();
            key.add(Long.toString(Math.floorDiv(Math.floorDiv(generated.eventTime(), size) * size, 1000)));
            for (String dimension : dimensions) {
                DimensionConfig config = domain.dimensions().get(dimension);
                Object value = generated.value(config == null ? dimension : config.effectiveField());
                key.add(value == null ? "" : value.toString());
            }
            expected.merge(key, 1L, Long::sum);
        }
        if (lateSeen.size() != late.size()) {
            problems.add((late.size() - lateSeen.size()) + " late-event ids are not events the generator sent");
        }

        StringBuilder sql = new StringBuilder("SELECT toUnixTimestamp(window_start)");
        dimensions.forEach(d -> sql.append(", ").append(Sql.identifier(d)));
        sql.append(", ").append(Sql.identifier(count)).append(" FROM ")
                .append(Sql.qualified(database, AggregationColumns.tableName(domain, aggregation) + "_current"));
        Map<List<String>, Long> actual = new HashMap<>();
        for (List<String> row : clickHouse.select(sql.toString())) {
            List<String> key = new ArrayList<>(row.subList(0, row.size() - 1));
            key.replaceAll(v -> v == null ? "" : v);
            if (actual.put(key, Long.parseLong(row.get(row.size() - 1))) != null) {
                problems.add("window and group " + key + " has more than one current row");
            }
        }

        long lost = 0;
        long duplicated = 0;
        int exact = 0;
        Set<List<String>> keys = new HashSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (List<String> key : keys) {
            long want = expected.getOrDefault(key, 0L);
            long got = actual.getOrDefault(key, 0L);
            if (want == got) {
                exact++;
            } else if (got < want) {
                lost += want - got;
            } else {
                duplicated += got - want;
            }
        }

        long deadLetters = Long.parseLong(clickHouse.select("SELECT count() FROM " + Sql.qualified(database, SluiceTables.DEAD_LETTERS + "_current")
                + " WHERE domain = " + Sql.literal(domain.name()) + " AND aggregation = " + Sql.literal(aggregation.name())).get(0).get(0));
        Sent topic = sentByTopic.get(event.topic());
        long malformed = topic == null ? 0 : topic.malformed();
        if (deadLetters < malformed) {
            lost += malformed - deadLetters;
            problems.add((malformed - deadLetters) + " malformed records are not in the dead letters");
        } else if (deadLetters > malformed) {
            // Counts cannot say which records the dead letters hold. Taking every malformed record as dead-lettered, the
            // rest are valid events, and each of those is missing from its window, so the comparison above already
            // counted it as lost: it is classified where it is, a dead letter, not counted a second time. Dead letters
            // beyond the events missing from the aggregates stand for no event at all: records dead-lettered twice.
            long extra = deadLetters - malformed;
            long validDeadLettered = Math.min(extra, lost);
            lost -= validDeadLettered;
            if (validDeadLettered > 0) {
                problems.add(validDeadLettered + " valid events were dead-lettered instead of aggregated (dead letters " + deadLetters
                        + ", malformed records sent " + malformed + ")");
            }
            if (extra > validDeadLettered) {
                duplicated += extra - validDeadLettered;
                problems.add((extra - validDeadLettered) + " dead letters stand for no missing event (records dead-lettered twice?)");
            }
        }
        long aggregated = actual.values().stream().mapToLong(Long::longValue).sum();
        if (topic != null && topic.valid() != valid) {
            problems.add("the manifest says " + topic.valid() + " valid events were sent, the generator re-creates " + valid);
        }
        return new Result(domain.name() + "." + aggregation.name(), valid, malformed, aggregated, late.size(), deadLetters, keys.size(), exact,
                lost, duplicated, problems);
    }

    /** The generator options the manifest records (the run is a pure function of them). */
    static GeneratorOptions options(Manifest manifest) {
        Manifest.Options o = manifest.options();
        return new GeneratorOptions(manifest.seed(), Instant.ofEpochMilli(manifest.startTimeMillis()), o.eventTimeRate(),
                o.diurnalAmplitude(), o.lateFraction(), Duration.parse(o.lateMaxDelay()),
                GeneratorOptions.LateDistribution.valueOf(o.lateDistribution()), o.malformedFraction(), o.oldSchemaFraction(),
                o.maxEvents() == null ? Long.MAX_VALUE : o.maxEvents());
    }

    private static Optional<String> unconditionalCount(AggregationConfig aggregation) {
        return aggregation.measures().values().stream()
                .filter(m -> m.type() == MeasureConfig.MeasureType.COUNT && m.where().isEmpty())
                .map(MeasureConfig::name).findFirst();
    }
}
