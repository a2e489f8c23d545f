package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.cli.stack.PrivateStack;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.online.FeatureReader;
import dev.sluice.online.Features;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.sluice.endtoend.ServiceFaultsIT.await;
import static dev.sluice.endtoend.ServiceFaultsIT.count;
import static dev.sluice.endtoend.ServiceFaultsIT.keepLog;
import static dev.sluice.endtoend.ServiceFaultsIT.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shipped payments domain's online aggregations (card_velocity_10m: sliding, update mode; click_sessions:
 * session windows, append) on the real Kafka, registry and ClickHouse, with a Redis of the test's own
 * ({@link PrivateStack}) so that stopping it disturbs nobody:
 * <ol>
 *   <li>Redis is stopped for 20 s while batches are being written: the job must ride it out by itself (the batch
 *       fails uncommitted and is re-run) and exit 0;</li>
 *   <li>after the run, every entity's features in Redis must equal its newest window in ClickHouse's {@code _current}
 *       view (window and every measure): nothing lost, nothing rolled back;</li>
 *   <li>a replay of an older range rewrites ClickHouse with higher versions but must not move any feature back: the
 *       replay's stale writes are skipped by Redis, and the features still equal the newest windows.</li>
 * </ol>
 */
@ExtendWith(RealStack.class)
class OnlineFeaturesIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String DOMAIN = "payments";
    private static final List<String> ONLINE = List.of("card_velocity_10m", "click_sessions");
    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    /** 5 events per second of event time: 20 minutes, so a replay of the first 15 holds only windows older than the newest. */
    private static final long EVENTS = 6_000;
    static final Duration REDIS_OUTAGE = Duration.ofSeconds(20);

    @Test
    void featuresEqualTheNewestWindowsThroughARedisOutageAndAnOlderReplay(StackEndpoints shared, ClickHouseTestDatabase db,
                                                                          @TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        try (PrivateStack redis = PrivateStack.create(HOME, dir.resolve("redis"), new PrintWriter(System.out, true))) {
            redis.start(PrivateStack.Service.REDIS);
            ScratchRepository repository = ItRepository.create(dir.resolve("repo"),
                    new StackEndpoints(shared.kafkaBootstrap(), shared.registryUrl(), shared.clickhouseUrl(), redis.redisUrl()), db,
                    new ItRepository.Settings(DOMAIN, 150, Duration.ofMillis(500), 2));
            SluiceConfig config = repository.load();
            DomainConfig domain = config.domain(DOMAIN);
            PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
            PipelineSetup.produce(config, repository.home(), domain, GeneratorOptions.defaults(20_261_204L, START, EVENTS).withEventTimeRate(5, 0),
                    dir.resolve("manifest.json"));
            ClickHouseState clickHouse = new ClickHouseState(db);
            log(started, "produced %d events", EVENTS);

            List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--until-idle"));
            ONLINE.forEach(a -> run.addAll(List.of("--aggregation", a)));
            try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job.log"))) {
                await(job, "a committed batch", Duration.ofMinutes(3), () -> clickHouse.committedBatches() >= 1);
                redis.stop(PrivateStack.Service.REDIS);
                long batchesAtStop = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current");
                Thread.sleep(REDIS_OUTAGE.toMillis());
                assertTrue(job.isAlive(), "the job must ride out a Redis outage; its log ends:\n" + job.tail(40));
                long batchesDuringOutage = count(clickHouse, "SELECT count() FROM sluice_committed_batches_current WHERE query = '"
                        + DOMAIN + ".card_velocity_10m'");
                redis.start(PrivateStack.Service.REDIS);
                log(started, "Redis back after %d s (%d batches committed before it stopped)", REDIS_OUTAGE.toSeconds(), batchesAtStop);
                int exit = job.awaitExit(Duration.ofMinutes(6));
                assertEquals(0, exit, "the job must finish on its own after the outage; its log ends:\n" + job.tail(80));
                assertTrue(job.linesContaining(ServiceFaultsIT.RESTART, "online feature write") >= 1,
                        "the outage must have failed a batch's online write and restarted its query; log ends:\n" + job.tail(60));
                assertTrue(batchesDuringOutage < count(clickHouse, "SELECT count() FROM sluice_committed_batches_current WHERE query = '"
                        + DOMAIN + ".card_velocity_10m'"), "batches must commit again after the outage");
            } finally {
                keepLog(repository.logs().resolve("job.log"), "OnlineFeaturesIT-job.log");
            }
            log(started, "job finished");

            try (FeatureReader reader = FeatureReader.connect(config.platform().redis())) {
                for (String name : ONLINE) {
                    compare(domain, domain.aggregations().get(name), clickHouse, reader);
                }
                AggregationConfig velocity = domain.aggregations().get("card_velocity_10m");
                Map<String, Features> before = snapshot(reader, velocity, clickHouse);
                log(started, "features of %d cards and %d users equal their newest windows", before.size(),
                        newestWindows(domain.aggregations().get("click_sessions"), clickHouse).size());

                Path replayLog = repository.logs().resolve("replay.log");
                try (CliProcess replay = ChildJob.start(repository, List.of("replay", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN,
                        "--aggregation", "card_velocity_10m", "--from", START.toString(), "--to", START.plus(Duration.ofMinutes(15)).toString()),
                        replayLog)) {
                    assertEquals(0, replay.awaitExit(Duration.ofMinutes(5)), "replay failed; its log ends:\n" + replay.tail(60));
                    // The sink's summary is an INFO line: it goes to the command's log file, not the console.
                    Matcher online = Pattern.compile("online payments\\.card_velocity_10m: (\\d+) entities written, (\\d+) stale skipped")
                            .matcher(Files.readString(repository.logs().resolve("sluice-replay.log")));
                    assertTrue(online.find(), "the replay must write the online features too; its log ends:\n" + replay.tail(40));
                    assertTrue(Long.parseLong(online.group(2)) > 0, "a replay of an older range sends older windows, which Redis skips: "
                            + online.group());
                } finally {
                    keepLog(replayLog, "OnlineFeaturesIT-replay.log");
                }
                Map<String, Features> after = snapshot(reader, velocity, clickHouse);
                assertEquals(before.keySet(), after.keySet());
                before.forEach((card, was) -> {
                    Features now = after.get(card);
                    assertEquals(was.windowStart() + " " + was.values(), now.windowStart() + " " + now.values(), card + " was rolled back");
                    assertTrue(now.version() >= was.version(), card + ": version " + was.version() + " -> " + now.version());
                });
                compare(domain, velocity, clickHouse, reader);
                log(started, "replay of the first 15 minutes rolled no feature back");
            }
        }
    }

    /** Every entity of the aggregation in ClickHouse has features in Redis equal to its newest window there. */
    private static void compare(DomainConfig domain, AggregationConfig aggregation, ClickHouseState clickHouse, FeatureReader reader) {
        Map<String, List<String>> newest = newestWindows(aggregation, clickHouse);
        assertTrue(newest.size() > 50, aggregation.name() + " must have entities to compare, has " + newest.size());
        Map<String, Optional<Features>> features = reader.getAll(DOMAIN, aggregation.name(), List.copyOf(newest.keySet()));
        List<String> measures = List.copyOf(aggregation.measures().keySet());
        List<String> differences = new ArrayList<>();
        newest.forEach((entity, row) -> {
            Optional<Features> found = features.get(entity);
            if (found.isEmpty()) {
                differences.add(entity + ": no features in Redis (lost)");
                return;
            }
            Features f = found.get();
            // ClickHouse's DateTime keeps seconds; Redis the milliseconds of the window (a session starts at an event).
            String redisWindow = f.windowStart().getEpochSecond() + "/" + f.windowEnd().getEpochSecond();
            if (!redisWindow.equals(row.get(0) + "/" + row.get(1))) {
                differences.add(entity + ": Redis window " + redisWindow + ", newest in ClickHouse " + row.get(0) + "/" + row.get(1));
                return;
            }
            for (int i = 0; i < measures.size(); i++) {
                String inClickHouse = row.get(2 + i);
                String inRedis = f.value(measures.get(i)).orElse("\\N");
                boolean equal = inClickHouse.equals("\\N") || inRedis.equals("\\N") ? inClickHouse.equals(inRedis)
                        : Double.parseDouble(inClickHouse) == Double.parseDouble(inRedis);
                if (!equal) {
                    differences.add(entity + "." + measures.get(i) + ": Redis " + inRedis + ", ClickHouse " + inClickHouse);
                }
            }
        });
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + newest.size() + " " + aggregation.name() + " entities differ:\n  "
                    + String.join("\n  ", differences.subList(0, Math.min(30, differences.size()))));
        }
    }

    /** Per entity, the newest window in {@code _current}: [start s, end s, measures...]. */
    private static Map<String, List<String>> newestWindows(AggregationConfig aggregation, ClickHouseState clickHouse) {
        String entity = aggregation.groupBy().get(0);
        StringBuilder sql = new StringBuilder("SELECT ").append(entity).append(", toUnixTimestamp(window_start), toUnixTimestamp(window_end)");
        aggregation.measures().keySet().forEach(m -> sql.append(", ").append(m));
        sql.append(" FROM ").append(DOMAIN).append('_').append(aggregation.name()).append("_current ORDER BY ").append(entity)
                .append(", window_start, window_end");
        Map<String, List<String>> newest = new LinkedHashMap<>();
        for (List<String> row : clickHouse.select(sql.toString())) {
            newest.put(row.get(0), List.copyOf(row.subList(1, row.size())));  // ordered by window: the last one stays
        }
        return newest;
    }

    private static Map<String, Features> snapshot(FeatureReader reader, AggregationConfig aggregation, ClickHouseState clickHouse) {
        Map<String, Features> features = new LinkedHashMap<>();
        reader.getAll(DOMAIN, aggregation.name(), List.copyOf(newestWindows(aggregation, clickHouse).keySet()))
                .forEach((id, f) -> features.put(id, f.orElseThrow(() -> new AssertionError(id + " has no features"))));
        return features;
    }

}
