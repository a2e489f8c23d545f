package dev.sluice.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/sluice bench} end to end on the real stack, small: every one of the six figures is measured and printed,
 * each step saw exactly the preloaded events, and the benchmark leaves no topics, database or work directory behind.
 * Speed itself is not asserted (a benchmark prints numbers; a timed test only measures its neighbours).
 */
@ExtendWith(RealStack.class)
class BenchIT {

    private static final long EVENTS = 20_000;

    @Test
    void measuresAndPrintsAllSixFiguresThenCleansUp(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path directory) throws Exception {
        ScratchRepository repository = ItRepository.create(directory, stack, db, new ItRepository.Settings("ecommerce", 500_000, Duration.ofSeconds(1), 2));
        Path json = directory.resolve("bench.json");
        try (CliProcess bench = ChildJob.start(repository, List.of("bench", "--no-stack", "--env", ItRepository.ENVIRONMENT, "--domain", "ecommerce",
                "--events", String.valueOf(EVENTS), "--repeats", "1", "--freshness-duration", "15s", "--sink-rows", "5000", "--out", json.toString()),
                directory.resolve("bench.log"))) {
            assertEquals(0, bench.awaitExit(Duration.ofMinutes(8)), () -> "bench failed:\n" + bench.tail(80));

            String output = bench.output();
            for (String figure : List.of("baseline: read + decode + count", "pipeline catch-up", "pipeline / baseline", "freshness p50 / p95 / p99",
                    "replay", "sink: ClickHouse writer", "machine", "versions", "settings")) {
                assertTrue(output.lines().anyMatch(line -> line.startsWith("  " + figure + " ")), () -> "the table has no '" + figure + "' row:\n" + output);
            }
        }

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(EVENTS, report.get("events").asLong());
        for (String rate : List.of("preload", "baselineReadOnly", "baseline", "pipeline", "replay")) {
            assertEquals(EVENTS, report.get(rate).get("units").asLong(), rate + " must cover exactly the preloaded events");
            assertTrue(report.get(rate).get("perSecond").asDouble() > 0, rate);
        }
        assertTrue(report.get("sink").get("perSecond").asDouble() > 0);
        assertEquals(5_000, report.get("sink").get("units").asLong());
        assertTrue(report.get("pipelineToBaseline").asDouble() > 0);

        // Every query drained its topic: the page-view queries read the same records, and the three topics add up.
        Map<String, Long> rowsByQuery = new java.util.LinkedHashMap<>();
        report.get("queries").forEach(q -> rowsByQuery.put(q.get("query").asText(), q.get("inputRows").asLong()));
        assertEquals(Set.of("ecommerce.page_views_per_minute", "ecommerce.funnel_per_minute", "ecommerce.revenue_5m", "ecommerce.engaged_sessions"),
                rowsByQuery.keySet());
        assertEquals(rowsByQuery.get("ecommerce.page_views_per_minute"), rowsByQuery.get("ecommerce.engaged_sessions"));
        assertEquals(EVENTS, rowsByQuery.get("ecommerce.page_views_per_minute") + rowsByQuery.get("ecommerce.funnel_per_minute")
                + rowsByQuery.get("ecommerce.revenue_5m"));

        JsonNode freshness = report.get("freshness");
        assertTrue(freshness.get("events").asLong() > 0, "freshness measured no event");
        assertEquals(0, freshness.get("notVisible").asLong(), "every live event of an update-mode window must become visible");
        long p50 = freshness.get("p50Millis").asLong();
        long p95 = freshness.get("p95Millis").asLong();
        long p99 = freshness.get("p99Millis").asLong();
        assertTrue(0 <= p50 && p50 <= p95 && p95 <= p99 && p99 <= freshness.get("maxMillis").asLong(), freshness.toString());
        assertTrue(report.get("targets").size() >= 4, "the report checks the issue's four targets");

        // Nothing left behind: topics of the run, the _bench database, the work directory.
        String runId = report.get("settings").get("run").asText();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            List<String> left = new ArrayList<>(admin.listTopics().names().get());
            left.removeIf(topic -> !topic.startsWith("sluice-bench-" + runId + "."));
            assertEquals(List.of(), left);
        }
        assertEquals("0\n", db.sql("SELECT count() FROM system.databases WHERE name = '" + db.name() + "_bench'"));
        assertFalse(Files.exists(repository.home().resolve("var").resolve("bench").resolve(runId)), "the run's work directory is removed");
    }
}
