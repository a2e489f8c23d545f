package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.run.Manifest;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The streaming job's Prometheus endpoint against what actually happened: the job runs (a child JVM, as in
 * production) over generated payments events with late and malformed records, the test scrapes
 * {@code /metrics} every quarter second while it works, and once it has drained, the counters must equal
 * ClickHouse's rows: rows written per table = rows in the base table (merges stopped, so replaced versions still
 * count), dead letters per query and reason = the dead-letter table, late events = the late-events table, input
 * rows = the records in Kafka, output rows and the last committed batch = the ledger. The job keeps running until
 * the comparison is done (its counters live in its JVM); a scrape after the ClickHouse reads must be unchanged, so
 * nothing moved in between.
 */
@ExtendWith(RealStack.class)
class MetricsAgreementIT {

    static final String DOMAIN = "payments";
    /** An update-mode and an append-mode query on one topic: aggregates, late events and dead letters from both. */
    static final List<String> AGGREGATIONS = List.of("merchant_fraud_5m", "volume_by_currency_1m");
    static final long EVENTS = 12_000;
    static final Duration SCRAPE_INTERVAL = Duration.ofMillis(250);
    /** Counters unchanged this long after the input is consumed: the no-data batch that closes windows has run. */
    static final Duration SETTLED = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void countersMoveWhileTheJobRunsAndAgreeWithClickHouse(StackEndpoints stack, ClickHouseTestDatabase db,
                                                          @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        long started = System.nanoTime();
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 300, Duration.ofMillis(500), 2));
        SluiceConfig config = repository.load();
        DomainConfig domain = config.domain(DOMAIN);
        PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
        List<AggregationConfig> aggregations = AGGREGATIONS.stream().map(a -> domain.aggregations().get(a)).toList();
        // Rows written must be countable in the base tables: a merge would fold replaced versions away.
        List<String> tables = new ArrayList<>();
        aggregations.forEach(a -> tables.add(AggregationColumns.tableName(domain, a)));
        tables.add(SluiceTables.DEAD_LETTERS);
        tables.add(SluiceTables.LATE_EVENTS);
        for (String table : tables) {
            db.sql("SYSTEM STOP MERGES " + db.name() + "." + table);
        }

        GeneratorOptions options = GeneratorOptions.defaults(7_464L, Instant.parse("2026-03-02T10:00:00Z"), EVENTS)
                .withEventTimeRate(10, 0)
                .withLate(0.02, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.UNIFORM)
                .withMalformed(0.003);
        ProducedEvents produced = PipelineSetup.produce(config, repository.home(), domain, options, dir.resolve("manifest.json"));
        // Both aggregations read the transactions topic.
        String topicName = domain.event(aggregations.get(0).event()).topic();
        Manifest.Topic topic = produced.manifest().topics().get(topicName);
        long records = topic.valid() + topic.malformed();

        List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN));
        AGGREGATIONS.forEach(a -> run.addAll(List.of("--aggregation", a)));
        ClickHouseState clickHouse = new ClickHouseState(db);
        URI endpoint = URI.create("http://127.0.0.1:" + repository.metricsPort() + "/metrics");
        try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job.log"))) {
            Map<String, TreeSet<Long>> inputSeen = new TreeMap<>();
            awaitDrained(job, endpoint, records, inputSeen);
            System.out.printf("job drained %d records per query at %.1f s; input rows seen while it ran: %s%n", records,
                    (System.nanoTime() - started) / 1e9, inputSeen);
            for (String aggregation : AGGREGATIONS) {
                TreeSet<Long> seen = inputSeen.get(query(aggregation));
                assertTrue(seen != null && seen.stream().anyMatch(v -> v > 0 && v < records),
                        query(aggregation) + ": sluice_input_rows_total never showed progress between 0 and " + records + ": " + seen);
            }

            // Read ClickHouse between two scrapes that agree, so the numbers compared belong to one moment.
            Map<String, Long> watermarks = new TreeMap<>();
            List<InputEvent> events = produced.positioned(domain).stream()
                    .filter(m -> m.event().valid() && m.topic().equals(topicName))
                    .map(ProducedEvents.Positioned::input).toList();
            for (AggregationConfig aggregation : aggregations) {
                ExpectedAggregation.Result expected = new ExpectedAggregation(domain, aggregation).compute(events,
                        BatchLog.read(repository.checkpoint(config, DOMAIN, aggregation.name()), topicName));
                watermarks.put(query(aggregation.name()), expected.maxEventTimeMs() - aggregation.watermark().toMillis());
            }
            // Spark moves the watermark up to the newest event in the no-data batch after the last data batch, one
            // trigger or more after the records are consumed: give it that time before comparing (a gauge that never
            // gets there still fails below).
            long watermarkDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < watermarkDeadline && !watermarksReached(scrape(endpoint).orElseThrow(), watermarks)) {
                Thread.sleep(500);
            }
            List<String> failures = null;
            for (int attempt = 0; attempt < 5 && failures == null; attempt++) {
                PrometheusText before = scrape(endpoint).orElseThrow();
                List<String> compared = compare(before, clickHouse, domain, aggregations, tables, records, topic);
                watermarks.forEach((query, expectedMs) -> {
                    double gauge = before.sum("sluice_watermark_timestamp_seconds", l -> query.equals(l.get("query")));
                    if (Math.abs(gauge - expectedMs / 1000.0) > 0.0005) {
                        compared.add(query + ": sluice_watermark_timestamp_seconds " + gauge + " vs newest event time - delay "
                                + expectedMs / 1000.0);
                    }
                });
                PrometheusText after = scrape(endpoint).orElseThrow();
                if (counters(before).equals(counters(after))) {
                    failures = compared;
                }
            }
            if (failures == null) {
                fail("the job's counters kept changing after it had consumed every record; last lines of its log:\n" + job.tail(60));
            }
            assertTrue(failures.isEmpty(), failures.size() + " metrics disagree with ClickHouse:\n  " + String.join("\n  ", failures));
            PrometheusText last = scrape(endpoint).orElseThrow();
            for (String table : tables) {
                System.out.printf("  %s: %.0f rows written%n", table, last.sum("sluice_clickhouse_rows_written_total", l -> table.equals(l.get("table"))));
            }
            double late = 0;
            for (String aggregation : AGGREGATIONS) {
                String query = query(aggregation);
                double lateOfQuery = last.sum("sluice_late_events_total", l -> query.equals(l.get("query")));
                late += lateOfQuery;
                System.out.printf("  %s: input %.0f, late %.0f, dead letters %.0f, output rows %.0f, last batch %.0f%n", query,
                        last.sum("sluice_input_rows_total", l -> query.equals(l.get("query"))), lateOfQuery,
                        last.sum("sluice_dead_letters_total", l -> query.equals(l.get("query"))),
                        last.sum("sluice_output_rows_total", l -> query.equals(l.get("query"))),
                        last.sum("sluice_committed_batch_id", l -> query.equals(l.get("query"))));
            }
            assertTrue(late > 0, "no late events at all: the late-event counters were compared only as 0 = 0");
            assertTrue(job.isAlive(), "the job should still be running; its log:\n" + job.tail(60));
        }
        System.out.printf("checked in %.1f s in total%n", (System.nanoTime() - started) / 1e9);
    }

    private List<String> compare(PrometheusText metrics, ClickHouseState clickHouse, DomainConfig domain, List<AggregationConfig> aggregations,
                                 List<String> tables, long records, Manifest.Topic topic) {
        List<String> failures = new ArrayList<>();
        for (String table : tables) {
            long inTable = clickHouse.count("SELECT count() FROM " + table);
            double written = metrics.sum("sluice_clickhouse_rows_written_total", l -> table.equals(l.get("table")));
            check(failures, "sluice_clickhouse_rows_written_total{table=" + table + "} vs rows in " + table + " (replaced versions included)",
                    inTable, written);
        }
        for (AggregationConfig aggregation : aggregations) {
            String query = query(aggregation.name());
            Map<String, String> labels = Map.of("query", query, "domain", domain.name(), "aggregation", aggregation.name());
            check(failures, query + ": sluice_input_rows_total vs records in " + topic.eventType() + "'s topic", records,
                    metrics.value("sluice_input_rows_total", labels).orElse(0.0));

            Map<String, Long> deadLetters = new TreeMap<>();
            for (List<String> row : clickHouse.select("SELECT reason, count() FROM sluice_dead_letters_current WHERE domain = '" + domain.name()
                    + "' AND aggregation = '" + aggregation.name() + "' GROUP BY reason")) {
                deadLetters.put(row.get(0), Long.parseLong(row.get(1)));
            }
            Map<String, Long> reported = new TreeMap<>();
            metrics.samples("sluice_dead_letters_total").stream().filter(s -> query.equals(s.labels().get("query")) && s.value() != 0)
                    .forEach(s -> reported.put(s.labels().get("reason"), (long) s.value()));
            if (!reported.equals(deadLetters)) {
                failures.add(query + ": sluice_dead_letters_total by reason " + reported + " vs sluice_dead_letters " + deadLetters);
            }
            check(failures, query + ": dead letters vs malformed records sent", topic.malformed(),
                    deadLetters.values().stream().mapToLong(Long::longValue).sum());

            long late = clickHouse.count("SELECT count() FROM sluice_late_events_current WHERE domain = '" + domain.name()
                    + "' AND aggregation = '" + aggregation.name() + "' AND partly_late = 0");
            check(failures, query + ": sluice_late_events_total vs sluice_late_events", late,
                    metrics.value("sluice_late_events_total", labels).orElse(0.0));
            long partlyLate = clickHouse.count("SELECT count() FROM sluice_late_events_current WHERE domain = '" + domain.name()
                    + "' AND aggregation = '" + aggregation.name() + "' AND partly_late = 1");
            check(failures, query + ": sluice_partly_late_events_total vs sluice_late_events", partlyLate,
                    metrics.value("sluice_partly_late_events_total", labels).orElse(0.0));

            ClickHouseState.Ledger ledger = clickHouse.ledger(query);
            check(failures, query + ": sluice_output_rows_total vs rows the ledger's batches wrote",
                    ledger.rowsByTable().values().stream().mapToLong(Long::longValue).sum(),
                    metrics.value("sluice_output_rows_total", labels).orElse(0.0));
            check(failures, query + ": sluice_committed_batch_id vs the ledger's last batch",
                    ledger.batchIds().isEmpty() ? -1 : ledger.batchIds().get(ledger.batchIds().size() - 1),
                    metrics.value("sluice_committed_batch_id", labels).orElse(-1.0));
        }
        return failures;
    }

    private static void check(List<String> failures, String what, long expected, double actual) {
        if (actual != expected) {
            failures.add(what + ": expected " + expected + ", the endpoint says " + actual);
        }
    }

    /**
     * Scrapes until every query has read all {@code records} and its counters have stayed put for {@link #SETTLED},
     * recording the input-row values seen on the way.
     */
    private PrometheusText awaitDrained(CliProcess job, URI endpoint, long records, Map<String, TreeSet<Long>> inputSeen) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        Map<String, Double> settledCounters = null;
        long settledSince = 0;
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                fail("the job exited; last lines of its log:\n" + job.tail(80));
            }
            Optional<PrometheusText> scraped = scrape(endpoint);
            if (scraped.isPresent()) {
                PrometheusText metrics = scraped.get();
                boolean allRead = true;
                for (String aggregation : AGGREGATIONS) {
                    String query = query(aggregation);
                    double input = metrics.sum("sluice_input_rows_total", l -> query.equals(l.get("query")));
                    inputSeen.computeIfAbsent(query, q -> new TreeSet<>()).add((long) input);
                    allRead &= input == records;
                }
                Map<String, Double> counters = counters(metrics);
                if (!allRead || !counters.equals(settledCounters)) {
                    settledCounters = allRead ? counters : null;
                    settledSince = System.nanoTime();
                } else if (System.nanoTime() - settledSince >= SETTLED.toNanos()) {
                    return metrics;
                }
            }
            Thread.sleep(SCRAPE_INTERVAL.toMillis());
        }
        fail("the job did not consume all " + records + " records within 4 minutes; last lines of its log:\n" + job.tail(80));
        return null;
    }

    /** The counters and batch ids, which must not move once the job is idle (rates and timestamps may). */
    private static Map<String, Double> counters(PrometheusText metrics) {
        Map<String, Double> counters = new TreeMap<>();
        for (PrometheusText.Sample s : metrics.samples()) {
            if (s.name().startsWith("sluice_") && (s.name().endsWith("_total") || s.name().endsWith("_batch_id"))) {
                counters.put(s.name() + new TreeMap<>(s.labels()), s.value());
            }
        }
        return counters;
    }

    private static boolean watermarksReached(PrometheusText metrics, Map<String, Long> expected) {
        return expected.entrySet().stream().allMatch(e ->
                metrics.sum("sluice_watermark_timestamp_seconds", l -> e.getKey().equals(l.get("query"))) * 1000 >= e.getValue() - 0.5);
    }

    private Optional<PrometheusText> scrape(URI endpoint) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + endpoint + " answered " + response.statusCode() + ": " + response.body());
            }
            return Optional.of(PrometheusText.parse(response.body()));
        } catch (IOException e) {
            return Optional.empty(); // not serving yet (the JVM is starting)
        }
    }

    private static String query(String aggregation) {
        return DOMAIN + "." + aggregation;
    }
}
