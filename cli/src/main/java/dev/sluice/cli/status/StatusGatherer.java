package dev.sluice.cli.status;

import dev.sluice.checkpoint.CheckpointLayout;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.metrics.QueryId;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Asks every source status uses - the job's metrics endpoint, each query's checkpoint, Kafka and ClickHouse - and
 * puts the answers in a {@link StatusReport}. A source that does not answer leaves its numbers unknown and a note; it
 * never stops the report.
 */
public final class StatusGatherer {

    /** A checkpoint written this recently means the query runs even without a metrics endpoint. */
    static final Duration MIN_RECENT = Duration.ofMinutes(2);

    private final SluiceConfig config;
    private final Path home;
    private final MetricsProbe probe;
    private final CheckpointReader checkpoints;
    private final Function<Collection<String>, Map<String, TopicOffsets>> kafka;
    private final Optional<ClickHouseCountsReader> clickHouse;
    private final Clock clock;

    /**
     * @param kafka      topic offsets of the given topics; throws IllegalStateException when Kafka does not answer
     * @param clickHouse empty when no ClickHouse client could be built (the reason is already a note)
     */
    public StatusGatherer(SluiceConfig config, Path home, MetricsProbe probe, CheckpointReader checkpoints,
                          Function<Collection<String>, Map<String, TopicOffsets>> kafka, Optional<ClickHouseCountsReader> clickHouse,
                          Clock clock) {
        this.config = config;
        this.home = home;
        this.probe = probe;
        this.checkpoints = checkpoints;
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.clock = clock;
    }

    public StatusReport gather(List<DomainConfig> domains, String metricsUrl, List<String> notes) {
        EndpointState endpoint = probe.probe(metricsUrl);
        List<DomainStatus> statuses = new ArrayList<>();
        for (DomainConfig domain : domains) {
            statuses.add(domain(domain, endpoint, notes));
        }
        return new StatusReport(config.environment(), clock.instant(),
                CheckpointLayout.environmentRoot(config.platform().checkpoints(), home, config.environment()), endpoint, statuses, notes);
    }

    private DomainStatus domain(DomainConfig domain, EndpointState endpoint, List<String> notes) {
        Set<String> topics = new LinkedHashSet<>();
        domain.events().values().forEach(e -> topics.add(e.topic()));
        Map<String, TopicOffsets> offsets = Map.of();
        boolean kafkaAnswered = true;
        try {
            offsets = kafka.apply(topics);
            for (String topic : topics) {
                if (!offsets.containsKey(topic)) {
                    notes.add("Kafka: topic " + topic + " of domain " + domain.name() + " does not exist (create it with the topics command)");
                }
            }
        } catch (IllegalStateException e) {
            kafkaAnswered = false;
            notes.add("Kafka: " + e.getMessage());
        }
        Map<String, AggregationCounts> counts = clickHouse.map(c -> c.read(domain, notes::add)).orElse(Map.of());
        Instant now = clock.instant();
        List<QueryStatus> queries = new ArrayList<>();
        Set<String> readTopics = new LinkedHashSet<>();
        for (AggregationConfig aggregation : domain.aggregations().values()) {
            QueryId id = new QueryId(domain.name(), aggregation.name());
            EventTypeConfig event = domain.event(aggregation.event());
            readTopics.add(event.topic());
            String location = CheckpointLayout.queryLocation(config.platform().checkpoints(), home, config.environment(),
                    domain.name(), aggregation.name());
            CheckpointState checkpoint = readCheckpoint(location, notes);
            QueryState state = QueryState.decide(id.name(), endpoint, checkpoint, now, recentWindow(aggregation), localDriver());
            queries.add(new QueryStatus(id, aggregation, event.topic(), state, checkpoint, Optional.ofNullable(offsets.get(event.topic())),
                    counts.getOrDefault(aggregation.name(), AggregationCounts.unknown("ClickHouse did not answer"))));
        }
        List<String> unread = topics.stream().filter(t -> !readTopics.contains(t)).toList();
        Optional<Map<String, Long>> unattributed = clickHouse.flatMap(c -> c.unattributedDeadLetters(domain, s -> { }));
        return new DomainStatus(domain.name(), queries, offsets, unread, unattributed, kafkaAnswered);
    }

    private CheckpointState readCheckpoint(String location, List<String> notes) {
        try {
            return checkpoints.read(location);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            notes.add("checkpoint: " + e.getMessage());
            return CheckpointState.missing(location);
        }
    }

    /** A local master with metrics on: the driver runs on this machine, so its endpoint answering is the truth. */
    private boolean localDriver() {
        return config.platform().metrics().enabled() && config.platform().spark().master().startsWith("local");
    }

    /** Three triggers, at least {@link #MIN_RECENT}: a running query writes its checkpoint every trigger it has data. */
    private Duration recentWindow(AggregationConfig aggregation) {
        Duration trigger = aggregation.trigger() != null ? aggregation.trigger() : config.platform().spark().triggerInterval();
        Duration three = trigger.multipliedBy(3);
        return three.compareTo(MIN_RECENT) > 0 ? three : MIN_RECENT;
    }
}
