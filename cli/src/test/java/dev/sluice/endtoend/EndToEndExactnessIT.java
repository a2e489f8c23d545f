package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped payments domain on the real stack, end to end, through repeated crashes: topics, schemas and tables
 * applied with core's APIs, 30,000 generated events (seeded; some delivered late, some malformed) in Kafka, then the
 * streaming job as a child JVM that is SIGKILLed {@value #KILLS} times at random moments while batches are in flight
 * and restarted from the same checkpoints, and finally run until idle. Then every row of every checked aggregation's
 * {@code _current} view must equal what {@link ExpectedAggregation} computes in plain Java from the same seed, every
 * late event and dead letter must be exactly the expected one, and each record must be counted exactly once.
 *
 * <p>Aggregations checked: {@code merchant_fraud_5m} (tumbling, update, de-duplicated, ratio/avg/conditional counts,
 * approximate percentile and distinct), {@code card_velocity_10m} (sliding 10 min every minute, de-duplicated),
 * {@value #SLIDING_WITHOUT_DEDUP} (sliding 5 min every minute without de-duplication, added to the scratch copy of the
 * domain: its late deliveries are partly late, missing from their earlier windows only, and each window must hold its
 * events minus the late records naming it) and {@code volume_by_currency_1m} (filter, append mode: only closed
 * windows, min/max). {@code device_risk_5m} reads
 * another topic and adds nothing these do not cover but run time; {@code click_sessions} (session windows) has no
 * batch-independent expectation (see {@link ExpectedAggregation}).
 *
 * <p>Kill points are random but reproducible: {@code -Dsluice.it.killSeed=N} repeats a run's choices (the seed is
 * printed).
 */
@ExtendWith(RealStack.class)
class EndToEndExactnessIT {

    static final String DOMAIN = "payments";
    static final String SLIDING_WITHOUT_DEDUP = "channel_volume_sliding_5m";
    static final List<String> AGGREGATIONS = List.of("merchant_fraud_5m", "card_velocity_10m", SLIDING_WITHOUT_DEDUP, "volume_by_currency_1m");
    /** An aggregation of the kind the shipped domain lacks: sliding, no de-duplication, so events can be partly late. */
    static final String SLIDING_WITHOUT_DEDUP_YAML = """
              %s:
                description: Transactions per channel over 5 minutes every minute, without de-duplication (partly late events).
                event: transaction
                window: { type: sliding, size: 5 minutes, slide: 1 minute }
                watermark: 1 minute
                groupBy: [channel]
                outputMode: update
                measures:
                  transactions: { type: count }
                  amount_total: { type: sum, field: amount }

            """.formatted(SLIDING_WITHOUT_DEDUP);
    static final int KILLS = 3;
    static final long EVENTS = 30_000;
    /** Records per trigger: about seven batches per query over the ~4,500 transactions. */
    static final long MAX_OFFSETS_PER_TRIGGER = 700;

    @Test
    void aggregatesStayExactThroughRepeatedSigkills(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        long started = System.nanoTime();
        ScratchRepository repository = ItRepository.create(dir, stack, db,
                new ItRepository.Settings(DOMAIN, MAX_OFFSETS_PER_TRIGGER, Duration.ofMillis(500), 2));
        Path domainFile = repository.home().resolve("config").resolve("domains").resolve(DOMAIN + ".yaml");
        String domainYaml = Files.readString(domainFile);
        String before = "  volume_by_currency_1m:\n";
        assertTrue(domainYaml.contains(before), "the payments domain's aggregations must hold volume_by_currency_1m");
        Files.writeString(domainFile, domainYaml.replace(before, SLIDING_WITHOUT_DEDUP_YAML + before));
        SluiceConfig config = repository.load();
        DomainConfig domain = config.domain(DOMAIN);
        PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);

        // 10 events/s of event time spreads 30,000 events over ~50 minutes: ten 5-minute windows, fifty 1-minute ones.
        // A batch of 700 transactions spans ~8 minutes of event time, so a delivery must be held back longer than that
        // plus the watermark delay to fall behind the previous batch's watermark: delays reach 20 minutes.
        GeneratorOptions options = GeneratorOptions.defaults(20_261_123L, Instant.parse("2026-03-02T10:00:00Z"), EVENTS)
                .withEventTimeRate(10, 0)
                .withLate(0.03, Duration.ofMinutes(20), GeneratorOptions.LateDistribution.UNIFORM)
                .withMalformed(0.002);
        ProducedEvents produced = PipelineSetup.produce(config, repository.home(), domain, options, dir.resolve("manifest.json"));
        assertEquals(options, produced.options(), "the manifest must record every option of the run");
        List<ProducedEvents.Positioned> messages = produced.positioned(domain);
        System.out.printf("produced %d valid events (%d late), %d malformed in %.1f s%n", produced.manifest().validEvents(),
                produced.manifest().lateEvents(), produced.manifest().malformedEvents(), seconds(started));

        ClickHouseState clickHouse = new ClickHouseState(db);
        List<QueryCheckpoint> checkpoints = AGGREGATIONS.stream()
                .map(a -> new QueryCheckpoint(repository.checkpoint(config, DOMAIN, a))).toList();
        List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN));
        AGGREGATIONS.forEach(a -> run.addAll(List.of("--aggregation", a)));

        long killSeed = Long.getLong("sluice.it.killSeed", new Random().nextLong());
        System.out.println("kill points from -Dsluice.it.killSeed=" + killSeed);
        Random random = new Random(killSeed);
        long committed = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job-" + kill + ".log"))) {
                // At least one more committed batch than before (so every run makes progress), then a random pause
                // while some query has a batch planned but not finished.
                long target = committed + 1 + random.nextInt(3);
                awaitCommitsAndBatchInFlight(job, clickHouse, checkpoints, target);
                Thread.sleep(random.nextInt(1500));
                List<Long> planned = checkpoints.stream().map(QueryCheckpoint::lastPlanned).toList();
                long ledgerBefore = clickHouse.committedBatches();
                job.kill();
                committed = clickHouse.committedBatches();
                System.out.printf("SIGKILL %d/%d of job JVM %d at %.1f s: %d batches in the ledger; in flight per query %s (planned %s)%n",
                        kill, KILLS, job.pid(), seconds(started), ledgerBefore,
                        checkpoints.stream().map(c -> c.batchInFlight() ? "yes" : "no").toList(), planned);
            }
        }
        List<String> untilIdle = new ArrayList<>(run);
        untilIdle.addAll(List.of("--until-idle", "--idle-triggers", "3"));
        try (CliProcess job = ChildJob.start(repository, untilIdle, repository.logs().resolve("job-final.log"))) {
            int exit = job.awaitExit(Duration.ofMinutes(6));
            assertEquals(0, exit, "the final --until-idle run failed; last lines of its log:\n" + job.tail(80));
        }
        System.out.printf("job finished after %d kills at %.1f s%n", KILLS, seconds(started));

        List<String> failures = new ArrayList<>();
        for (String name : AGGREGATIONS) {
            AggregationCheck check = checkFor(config, repository, domain, name, clickHouse, produced, messages);
            failures.addAll(check.run());
            System.out.println(check.summary());
        }
        System.out.printf("checked in %.1f s in total%n", seconds(started));
        long partlyLate = clickHouse.count("SELECT count() FROM sluice_late_events_current WHERE aggregation = '" + SLIDING_WITHOUT_DEDUP
                + "' AND partly_late = 1");
        if (partlyLate == 0) {
            failures.add(SLIDING_WITHOUT_DEDUP + ": no partly late events, so the run did not exercise them (change the late deliveries)");
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences from the expected values:\n  " + String.join("\n  ", failures)
                    + "\njob logs: " + repository.logs());
        }
    }

    private static AggregationCheck checkFor(SluiceConfig config, ScratchRepository repository, DomainConfig domain, String name,
                                             ClickHouseState clickHouse, ProducedEvents produced, List<ProducedEvents.Positioned> messages) {
        AggregationConfig aggregation = domain.aggregations().get(name);
        assertTrue(aggregation != null, "payments has no aggregation " + name);
        return new AggregationCheck(config, repository.home(), domain, aggregation, clickHouse, produced.manifest(), messages);
    }

    private static void awaitCommitsAndBatchInFlight(CliProcess job, ClickHouseState clickHouse, List<QueryCheckpoint> checkpoints,
                                                     long target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!job.isAlive()) {
                fail("the job exited before it was killed; last lines of its log:\n" + job.tail(80));
            }
            if (clickHouse.committedBatches() >= target && checkpoints.stream().anyMatch(QueryCheckpoint::batchInFlight)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("the ledger did not reach " + target + " committed batches with a batch in flight within 3 minutes; last lines of the job's log:\n"
                + job.tail(80));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
