package dev.sluice.endtoend;

import dev.sluice.checkpoint.AggregationDefinition;
import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The job restarted with a changed config. Run 1 aggregates a generated data set. Run 2 has one aggregation's filter
 * changed: it must refuse to start, naming the checkpoint, the table, the change and the ways out, and write nothing.
 * Run 3 has the change undone and a NEW aggregation added (its table created with ddl apply, as an operator would):
 * the new query starts from the earliest offsets and must hold exactly the whole data set, and the old one resumes
 * from its checkpoint without a row counted twice.
 */
@ExtendWith(RealStack.class)
class ChangedConfigIT {

    static final String DOMAIN = "payments";
    static final String FILTER = "    filter: [{ field: status, op: eq, value: approved }]\n";
    static final String NEW_AGGREGATION = """
              approved_per_country_1m:
                event: transaction
                window: { type: tumbling, size: 1 minute }
                watermark: 30 seconds
                groupBy: [country]
                filter: [{ field: status, op: eq, value: approved }]
                measures:
                  transactions: { type: count }
                  amount_total: { type: sum, field: amount }
            """;

    @Test
    void aChangedAggregationIsRefusedAndANewOneCoversTheWholeTopic(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path dir)
            throws Exception {
        long started = System.nanoTime();
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 200, Duration.ofMillis(500), 2));
        SluiceConfig config = repository.load();
        DomainConfig domain = config.domain(DOMAIN);
        PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
        ProducedEvents produced = PipelineSetup.produce(config, repository.home(), domain,
                GeneratorOptions.defaults(777L, Instant.parse("2026-03-02T10:00:00Z"), 2_000).withEventTimeRate(10, 0),
                dir.resolve("manifest.json"));
        ClickHouseState clickHouse = new ClickHouseState(db);
        List<String> old = List.of("volume_by_currency_1m");

        assertEquals(0, runUntilIdle(repository, old, "job-1.log"));
        long committed = clickHouse.committedBatches();
        ServiceFaultsIT.log(started, "run 1: %d batches", committed);

        Path domainFile = repository.home().resolve("config/domains/payments.yaml");
        String original = Files.readString(domainFile);
        assertTrue(original.contains(FILTER), "the shipped payments domain changed; this test edits volume_by_currency_1m's filter");
        Files.writeString(domainFile, original.replace(FILTER, FILTER.replace("approved", "declined")));
        String checkpoint = repository.checkpoints().resolve(ItRepository.ENVIRONMENT).resolve(DOMAIN).resolve("volume_by_currency_1m").toString();
        try (CliProcess job = ChildJob.start(repository, runArguments(old), repository.logs().resolve("job-2.log"))) {
            assertNotEquals(0, job.awaitExit(Duration.ofMinutes(3)), "a changed aggregation must stop the job; its log ends:\n" + job.tail(40));
            String log = job.tail(300);
            for (String expected : List.of(
                    "bad config: aggregation payments.volume_by_currency_1m is not the one its checkpoint was started with; refusing to resume it.",
                    "checkpoint: " + checkpoint + " (definition recorded in " + checkpoint + "/" + AggregationDefinition.FILE_NAME + ")",
                    "table:      payments_volume_by_currency_1m",
                    "- filter: status:enum eq 'approved'",
                    "+ filter: status:enum eq 'declined'",
                    "give the changed aggregation a new name",
                    "TRUNCATE TABLE payments_volume_by_currency_1m")) {
                assertTrue(log.contains(expected), "the refusal must say '" + expected + "'; the log ends:\n" + job.tail(60));
            }
        }
        assertEquals(committed, clickHouse.committedBatches(), "the refused run must not write anything");
        ServiceFaultsIT.log(started, "run 2 refused the changed aggregation");

        // Undo the change, add an aggregation, create its table, run all three.
        Files.writeString(domainFile, original.replace("  device_risk_5m:\n", NEW_AGGREGATION + "  device_risk_5m:\n"));
        SluiceConfig changed = repository.load();
        DomainConfig changedDomain = changed.domain(DOMAIN);
        PipelineSetup.applyTopicsSchemasAndTables(changed, repository.home(), changedDomain);
        List<String> all = List.of("volume_by_currency_1m", "approved_per_country_1m");
        assertEquals(0, runUntilIdle(repository, all, "job-3.log"));
        ServiceFaultsIT.log(started, "run 3 finished");

        List<ProducedEvents.Positioned> messages = produced.positioned(changedDomain);
        List<String> failures = new ArrayList<>();
        for (String name : all) {
            AggregationCheck check = new AggregationCheck(changed, repository.home(), changedDomain, changedDomain.aggregations().get(name),
                    clickHouse, produced.manifest(), messages);
            failures.addAll(check.run());
            System.out.println(check.summary());
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " differences from the expected values:\n  " + String.join("\n  ", failures));
        }
    }

    private static List<String> runArguments(List<String> aggregations) {
        List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--until-idle"));
        aggregations.forEach(a -> run.addAll(List.of("--aggregation", a)));
        return run;
    }

    private static int runUntilIdle(ScratchRepository repository, List<String> aggregations, String log) {
        try (CliProcess job = ChildJob.start(repository, runArguments(aggregations), repository.logs().resolve(log))) {
            int exit = job.awaitExit(Duration.ofMinutes(5));
            if (exit != 0) {
                ServiceFaultsIT.keepLog(repository.logs().resolve(log), "ChangedConfigIT-" + log);
                fail("`" + String.join(" ", runArguments(aggregations)) + "` failed (exit " + exit + "); its log ends:\n" + job.tail(60));
            }
            return exit;
        }
    }
}
