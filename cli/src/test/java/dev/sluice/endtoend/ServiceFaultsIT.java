package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.cli.stack.PrivateStack;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The services the job depends on fail while it runs, and it must finish with every aggregate exact, without a
 * manual step. The test runs its OWN Kafka, schema registry and ClickHouse ({@link PrivateStack}: own data dir, own
 * ports) so stopping them disturbs no other test. One generated data set (the shipped payments domain), one job (a
 * child JVM, {@code run --until-idle}) and, in this order while its batches are being written:
 * <ol>
 *   <li>the registry is down when the job starts: queries cannot be planned, so they are retried until it answers;</li>
 *   <li>the registry goes down mid-run: the plans' cached writer schemas keep decoding, batches keep committing,
 *       until a batch holds a record with an id the plan does not know (the generator's malformed record): only the
 *       registry can tell a new version from garbage, so that batch waits, nothing written, until it answers; then
 *       the record is a dead letter;</li>
 *   <li>ClickHouse is stopped for 30 s: the test config's insertRetry (3 attempts, 0.2-1 s) gives up within about
 *       two seconds, so this exercises the job's query restarts (pauses doubling from 1 s), not just the sink's
 *       backoff; after the restart the interrupted batch is re-run;</li>
 *   <li>the Kafka broker is stopped and started again.</li>
 * </ol>
 * Then the job must exit 0 on its own, and {@link AggregationCheck} (the end-to-end test's comparison with values
 * computed independently from the generator's seed) must find every row, late event, dead letter and ledger entry
 * exact: nothing lost, nothing counted twice.
 */
class ServiceFaultsIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    static final String DOMAIN = "payments";
    /** The richest shipped aggregation (de-duplicated, update mode, eight measures); the end-to-end test covers the others. */
    static final List<String> AGGREGATIONS = List.of("merchant_fraud_5m");
    static final long EVENTS = 6_000;
    /** Records per trigger (both partitions together): some 20 batches over the ~900 transactions. */
    static final long MAX_OFFSETS_PER_TRIGGER = 45;
    static final Duration CLICKHOUSE_OUTAGE = Duration.ofSeconds(30);
    /** The job's log line for each restart of a query after a retriable failure (it ends with the failure's summary). */
    static final String RESTART = "stopped on a retriable failure; restarting it from its checkpoint in";

    @Test
    void registryClickHouseAndKafkaFailuresMidRunLoseAndDuplicateNothing(@TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        PrintWriter out = new PrintWriter(System.out, true);
        try (PrivateStack stack = PrivateStack.create(HOME, dir.resolve("stack"), out)) {
            stack.start(PrivateStack.Service.values());
            ClickHouseTestDatabase db = ClickHouseTestDatabase.createOn(stack.clickHouseUrl(), null, null, ServiceFaultsIT.class);
            ScratchRepository repository = ItRepository.create(dir.resolve("repo"),
                    new StackEndpoints(stack.kafkaBootstrap(), stack.registryUrl(), stack.clickHouseUrl(), stack.redisUrl()), db,
                    new ItRepository.Settings(DOMAIN, MAX_OFFSETS_PER_TRIGGER, Duration.ofMillis(500), 2));
            SluiceConfig config = repository.load();
            DomainConfig domain = config.domain(DOMAIN);
            PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
            GeneratorOptions options = GeneratorOptions.defaults(20_261_124L, Instant.parse("2026-03-02T10:00:00Z"), EVENTS)
                    .withEventTimeRate(10, 0)
                    .withLate(0.01, Duration.ofMinutes(5), GeneratorOptions.LateDistribution.UNIFORM)
                    .withMalformed(0.002);
            ProducedEvents produced = PipelineSetup.produce(config, repository.home(), domain, options, dir.resolve("manifest.json"));
            List<ProducedEvents.Positioned> messages = produced.positioned(domain);
            long unregistered = messages.stream().filter(m -> m.topic().equals(domain.event("transaction").topic()) && !m.event().valid()
                    && m.event().malformed() == dev.sluice.generate.MalformedKind.UNKNOWN_SCHEMA_ID).mapToLong(ProducedEvents.Positioned::offset)
                    .min().orElseThrow(() -> new AssertionError("the seed must put a record with an unregistered schema id into the transactions"));
            ClickHouseState clickHouse = new ClickHouseState(db);
            log(started, "produced %d valid and %d malformed records (an unregistered schema id at transactions offset %d)",
                    produced.manifest().validEvents(), produced.manifest().malformedEvents(), unregistered);

            List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--until-idle"));
            AGGREGATIONS.forEach(a -> run.addAll(List.of("--aggregation", a)));

            stack.stop(PrivateStack.Service.REGISTRY);
            try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job.log"))) {
                // 1. Registry down at start: the queries are retried, nothing is read or written meanwhile.
                await(job, "the job to retry starting its queries while the registry is down", Duration.ofMinutes(2),
                        () -> job.linesContaining(RESTART, "RegistryException") >= 1);
                assertEquals(0, count(clickHouse, "SELECT count() FROM sluice_committed_batches_current"),
                        "nothing may be committed before the writer schemas are known");
                stack.start(PrivateStack.Service.REGISTRY);
                log(started, "registry back after the job waited for it");

                // 2. Registry down mid-run: batches keep committing with the writer schemas the plans hold, until one
                //    holds the generator's record with an unregistered id. Whether that id is a version registered since
                //    the plan was built only the registry can say, so the batch waits (nothing written) instead of
                //    dead-lettering it; once the registry answers "unknown", the record is a dead letter.
                await(job, "a committed batch", Duration.ofMinutes(3), () -> clickHouse.committedBatches() >= 1);
                stack.stop(PrivateStack.Service.REGISTRY);
                long beforeRegistryOutage = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current");
                await(job, "a batch committed while the registry is down", Duration.ofMinutes(2),
                        () -> clickHouse.committedBatches() > beforeRegistryOutage);
                log(started, "%d batches committed while the registry was down",
                        count(clickHouse, "SELECT count() FROM sluice_committed_batches_current") - beforeRegistryOutage);
                String waiting = "records use schema ids [" + produced.manifest().unknownSchemaId() + "] the plan does not know, and the schema"
                        + " registry cannot say whether they are new versions";
                // Held, not just logged: the batch fails, is re-run after the restart pause and fails the same way again,
                // and neither attempt writes anything (seeing the message once would not show that the record was kept
                // out of the dead letters: a job that logged it and dead-lettered the record anyway would pass).
                await(job, "the batch with the unregistered id to wait for the registry", Duration.ofMinutes(3),
                        () -> job.linesContaining(RESTART, waiting) >= 1);
                long held = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current");
                await(job, "the re-run of the waiting batch to wait again", Duration.ofMinutes(2), () -> job.linesContaining(RESTART, waiting) >= 2);
                assertEquals(0, count(clickHouse, "SELECT count() FROM sluice_dead_letters_current WHERE reason = 'unknown_schema_id'"),
                        "a record must not be dead-lettered as unknown while the registry cannot be asked");
                assertEquals(held, count(clickHouse, "SELECT count() FROM sluice_committed_batches_current"),
                        "the batch waiting for the registry must not be committed");
                stack.start(PrivateStack.Service.REGISTRY);
                log(started, "registry back; the waiting batch goes on");

                // 3. ClickHouse stopped for 30 s while batches are being written.
                long beforeClickHouseOutage = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current");
                await(job, "a batch in flight", Duration.ofMinutes(2), () -> clickHouse.committedBatches() > beforeClickHouseOutage);
                stack.stop(PrivateStack.Service.CLICKHOUSE);
                long down = System.nanoTime();
                log(started, "ClickHouse stopped after %d committed batches", beforeClickHouseOutage + 1);
                Thread.sleep(CLICKHOUSE_OUTAGE.toMillis());
                assertTrue(job.isAlive(), "the job must ride out a ClickHouse outage; its log ends:\n" + job.tail(40));
                stack.start(PrivateStack.Service.CLICKHOUSE);
                log(started, "ClickHouse back after %.0f s", (System.nanoTime() - down) / 1e9);
                assertTrue(job.linesContaining(RESTART, "SinkException") >= 1,
                        "the outage must have outlasted the sink's retries and restarted the query; log ends:\n" + job.tail(40));

                // 4. Kafka broker restarted while batches are being read.
                long beforeKafkaRestart = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current");
                await(job, "a batch after ClickHouse came back", Duration.ofMinutes(3), () -> clickHouse.committedBatches() > beforeKafkaRestart);
                stack.stop(PrivateStack.Service.KAFKA);
                stack.start(PrivateStack.Service.KAFKA);
                log(started, "Kafka restarted after %d committed batches", count(clickHouse, "SELECT count() FROM sluice_committed_batches_current"));

                int exit = job.awaitExit(Duration.ofMinutes(6));
                assertEquals(0, exit, "the job must finish on its own after the faults; its log ends:\n" + job.tail(80));
                log(started, "job finished");
            } finally {
                keepLog(repository.logs().resolve("job.log"), "ServiceFaultsIT-job.log");
            }

            List<String> failures = new ArrayList<>();
            for (String name : AGGREGATIONS) {
                AggregationCheck check = new AggregationCheck(config, repository.home(), domain, domain.aggregations().get(name), clickHouse,
                        produced.manifest(), messages);
                failures.addAll(check.run());
                System.out.println(check.summary());
            }
            if (!failures.isEmpty()) {
                fail(failures.size() + " differences from the expected values:\n  " + String.join("\n  ", failures) + "\njob log: "
                        + repository.logs().resolve("job.log"));
            }
            log(started, "checked");
        }
    }

    /** The job's log outlives the test's temporary directory under target/it-logs, for the build's artifacts. */
    static void keepLog(Path log, String name) {
        try {
            Path kept = Path.of("target", "it-logs").resolve(name);
            java.nio.file.Files.createDirectories(kept.getParent());
            java.nio.file.Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            System.out.println("could not keep " + log + ": " + e);
        }
    }

    /**
     * Waits for the condition, failing early (with the job's log) when the job dies. A condition that throws (a
     * ClickHouse poll meeting a closed keep-alive connection, a server the test just restarted) counts as not yet.
     */
    static void await(CliProcess job, String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (!job.isAlive()) {
                fail("the job (pid " + job.pid() + ") exited while waiting for " + what + "; its log ends:\n" + job.tail(80));
            }
            Thread.sleep(200);
        }
        fail("timed out after " + timeout + " waiting for " + what + (lastError == null ? "" : " (last check failed: " + lastError + ")")
                + "; the job's log ends:\n" + job.tail(80));
    }

    /** A query result, asked again if the first attempt meets a closed keep-alive connection. */
    static long count(ClickHouseState clickHouse, String sql) {
        try {
            return clickHouse.count(sql);
        } catch (RuntimeException e) {
            return clickHouse.count(sql);
        }
    }

    static void log(long startedNanos, String format, Object... args) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - startedNanos) / 1e9, String.format(format, args));
    }
}
