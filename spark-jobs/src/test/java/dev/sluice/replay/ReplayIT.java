package dev.sluice.replay;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.ClickHouseBatchSink;
import dev.sluice.spark.AggregationQuery;
import dev.sluice.spark.JobPlanner;
import dev.sluice.spark.StreamingJob;
import dev.sluice.testing.ShopOnRealStack;
import dev.sluice.testing.SparkTestSession;
import dev.sluice.testing.TestConfigs;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.sluice.testing.AvroOrders.confluent;
import static dev.sluice.testing.TestConfigs.aggregation;
import static dev.sluice.testing.TestConfigs.domain;
import static dev.sluice.testing.TestConfigs.measure;
import static dev.sluice.testing.TestConfigs.measures;
import static dev.sluice.testing.TestConfigs.tumbling;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream a data set into ClickHouse, then replay a sub-range of windows: once with nothing changed (while a reader
 * polls the view: no window may disappear or count twice at any moment) and once after corrupting rows in ClickHouse
 * (an UPDATE of a measure and a DELETE of a window). Both times the view must equal the expected values computed here
 * independently from the events produced.
 */
@ExtendWith(RealStack.class)
class ReplayIT {

    private static final long START_MS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int EVENTS = 240;                   // one every 5 s: 20 one-minute windows
    private static final String[] COUNTRIES = {"US", "DE", null};
    private static final DateTimeFormatter CH = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Test
    void replayReproducesTheStreamingResultsAndRepairsCorruptedRows(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path home)
            throws Exception {
        String topic = "replay_it_" + UUID.randomUUID().toString().substring(0, 8);
        AggregationConfig perMinute = aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(), measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, false);
        Shop shop = Shop.create(stack, db, home, topic, perMinute);
        DomainConfig domain = shop.domain();
        ClickHouseConfig clickHouse = shop.clickHouse();
        SluiceConfig config = shop.config();
        HttpSchemaRegistryClient registry = shop.registry();
        Schema schema = shop.schema();
        int id = shop.schemaId();

        List<byte[]> records = new ArrayList<>();
        Map<String, long[]> expected = new TreeMap<>(); // "window\tcountry" -> {orders, revenue}
        for (int i = 0; i < EVENTS; i++) {
            long time = START_MS + i * 5_000L;
            String country = COUNTRIES[i % 3];
            long amount = 100 + i % 17;
            records.add(confluent(id, ShopOnRealStack.order(schema, "e" + i, time, country, amount)));
            long[] cell = expected.computeIfAbsent(CH.format(Instant.ofEpochMilli(time - time % 60_000)) + "\t" + (country == null ? "" : country),
                    k -> new long[2]);
            cell[0]++;
            cell[1] += amount;
        }
        // Arrives after its window closed: the streaming job sets it aside, and replay must leave it out too.
        records.add(confluent(id, ShopOnRealStack.order(schema, "late", START_MS + 10_000, "US", 99_999)));
        ShopOnRealStack.produce(stack, topic, records);

        try (ClickHouseBatchSink sink = ClickHouseBatchSink.open(clickHouse, w -> w)) {
            List<AggregationQuery> queries = new JobPlanner(config, home, SparkTestSession.get(), registry, sink).plan(domain, List.of());
            new StreamingJob(SparkTestSession.get(), queries, StreamingJob.Settings.untilIdle(3, Duration.ofMillis(300))).run();
        }
        String expectedView = render(expected);
        String view = "SELECT window_start, country, orders, revenue FROM shop_per_minute_current ORDER BY window_start, country";
        assertEquals(expectedView, db.sql(view), "streaming results");
        assertEquals("1\n", db.sql("SELECT count() FROM sluice_late_events_current WHERE event_id = 'late'"));

        // Replay minutes 5..15 with nothing changed, while a reader watches the totals.
        ReplayRange range = new ReplayRange(Optional.of(Instant.ofEpochMilli(START_MS + 5 * 60_000)),
                Optional.of(Instant.ofEpochMilli(START_MS + 15 * 60_000)), Optional.empty(), Optional.empty());
        String totals = "SELECT count(), sum(orders), sum(revenue) FROM shop_per_minute_current";
        String expectedTotals = db.sql(totals);
        ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
        AtomicBoolean replaying = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (replaying.get()) {
                String seen = db.sql(totals);
                reads.incrementAndGet();
                if (!seen.equals(expectedTotals)) {
                    anomalies.add(seen);
                }
            }
        });
        reader.start();
        List<ReplayJob.Outcome> first;
        try {
            first = replay(config, clickHouse, registry, domain, range);
        } finally {
            replaying.set(false);
            reader.join();
        }
        assertTrue(anomalies.isEmpty(), "a reader saw windows disappear or double during the replay: " + anomalies);
        assertTrue(reads.get() > 0, "the reader never read");
        assertEquals(1, first.size());
        assertEquals(30, first.get(0).rows(), "10 whole minutes x 3 countries in [5, 15)");
        assertEquals(1, first.get(0).lateExcluded());
        assertEquals(expectedView, db.sql(view), "after replaying unchanged data");
        assertEquals("replay:shop.per_minute\t30\nshop.per_minute\t30\n",
                db.sql("SELECT _query, count() FROM shop_per_minute_current GROUP BY _query ORDER BY _query"),
                "replayed windows are replaced, the others keep the streaming rows");

        // Corrupt two windows inside the range: a wrong measure and a deleted window.
        db.sql("ALTER TABLE shop_per_minute UPDATE revenue = 0 WHERE window_start = toDateTime('2024-01-01 00:07:00', 'UTC')");
        db.sql("ALTER TABLE shop_per_minute DELETE WHERE window_start = toDateTime('2024-01-01 00:08:00', 'UTC')");
        awaitMutations(db);
        assertNotEquals(expectedView, db.sql(view), "the corruption took effect");

        replay(config, clickHouse, registry, domain, range);
        assertEquals(expectedView, db.sql(view), "after replaying over corrupted rows");

        ShopOnRealStack.deleteTopic(stack, topic);
    }

    /**
     * A sliding aggregation without de-duplication: one event arrives when the watermark has passed some of its
     * windows but not all (partly late), one when it has passed all (wholly late). Replay without {@code --include-late}
     * must leave each out of exactly the windows the streaming job left it out of; with it, fold both into exactly those.
     */
    @Test
    void replayLeavesPartlyLateEventsOutOfTheWindowsTheyMissedAndIncludeLateFoldsThemIn(StackEndpoints stack, ClickHouseTestDatabase db,
                                                                                      @TempDir Path home) throws Exception {
        String topic = "replay_sliding_it_" + UUID.randomUUID().toString().substring(0, 8);
        AggregationConfig sliding = aggregation("sliding_10m", TestConfigs.sliding(Duration.ofMinutes(10), Duration.ofMinutes(1)),
                Duration.ofSeconds(30), List.of(), List.of(),
                measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")), OutputMode.UPDATE, false);
        Shop shop = Shop.create(stack, db, home, topic, sliding);

        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            records.add(confluent(shop.schemaId(), ShopOnRealStack.order(shop.schema(), "e" + i, START_MS + i * 5_000L, "US", 1)));
        }
        // Read after the 240 on-time events (00:00 to 00:19:55), behind a watermark between 00:11 and 00:20 whatever the
        // batch boundaries: "partly" has windows ending 00:11 .. 00:20, "wholly" 00:01 .. 00:10.
        long partlyAt = START_MS + 10 * 60_000 + 30_000;
        long whollyAt = START_MS + 10_000;
        records.add(confluent(shop.schemaId(), ShopOnRealStack.order(shop.schema(), "partly", partlyAt, "US", 1000)));
        records.add(confluent(shop.schemaId(), ShopOnRealStack.order(shop.schema(), "wholly", whollyAt, "US", 100_000)));
        ShopOnRealStack.produce(stack, topic, records);

        try (ClickHouseBatchSink sink = ClickHouseBatchSink.open(shop.clickHouse(), w -> w)) {
            List<AggregationQuery> queries = new JobPlanner(shop.config(), home, SparkTestSession.get(), shop.registry(), sink)
                    .plan(shop.domain(), List.of());
            new StreamingJob(SparkTestSession.get(), queries, StreamingJob.Settings.untilIdle(3, Duration.ofMillis(300))).run();
        }
        // The watermark the partly late event was behind decides which of its windows it missed: those ending by then.
        long watermarkMs = Long.parseLong(db.sql("SELECT toUnixTimestamp(watermark) FROM sluice_late_events_current WHERE event_id = 'partly'")
                .trim()) * 1000;
        long firstWindowEnd = START_MS + 11 * 60_000;   // of [00:01, 00:11); the next ones end a minute apart
        long missed = (watermarkMs - firstWindowEnd) / 60_000 + 1;
        assertTrue(missed >= 1 && missed < 10, "partly late: missed " + missed + " of its 10 windows at watermark " + Instant.ofEpochMilli(watermarkMs));
        Map<String, long[]> onTime = new TreeMap<>();   // window start -> {orders, revenue}
        for (int i = 0; i < EVENTS; i++) {
            addToWindows(onTime, START_MS + i * 5_000L, 1, Long.MIN_VALUE);
        }
        Map<String, long[]> streamed = copy(onTime);
        addToWindows(streamed, partlyAt, 1000, watermarkMs);
        String view = "SELECT window_start, orders, revenue FROM shop_sliding_10m_current ORDER BY window_start";
        assertEquals(render(streamed), db.sql(view), "streaming results: the partly late event in its open windows only");
        assertEquals("partly\t1\t" + missed + "\t2024-01-01 00:01:00\t" + CH.format(Instant.ofEpochMilli(START_MS + (missed) * 60_000))
                        + "\nwholly\t0\t10\t2023-12-31 23:51:00\t2024-01-01 00:00:00\n",
                db.sql("SELECT event_id, partly_late, missed_windows, toDateTime(first_missed_window_start, 'UTC'),"
                        + " toDateTime(last_missed_window_start, 'UTC') FROM sluice_late_events_current WHERE aggregation = 'sliding_10m'"
                        + " ORDER BY event_id"));

        ReplayRange all = new ReplayRange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        List<ReplayJob.Outcome> reproduced = replay(shop.config(), shop.clickHouse(), shop.registry(), shop.domain(), all, false);
        assertEquals(2, reproduced.get(0).lateExcluded());
        assertEquals(render(streamed), db.sql(view), "replay leaves each late event out of exactly the windows it missed");

        replay(shop.config(), shop.clickHouse(), shop.registry(), shop.domain(), all, true);
        Map<String, long[]> everything = copy(onTime);
        addToWindows(everything, partlyAt, 1000, Long.MIN_VALUE);
        addToWindows(everything, whollyAt, 100_000, Long.MIN_VALUE);
        assertEquals(render(everything), db.sql(view), "--include-late folds both into the windows they missed");

        ShopOnRealStack.deleteTopic(stack, topic);
    }

    /** One shop domain of one aggregation on the real stack: its config, tables and registered schema. */
    private record Shop(DomainConfig domain, ClickHouseConfig clickHouse, SluiceConfig config, HttpSchemaRegistryClient registry, Schema schema,
                        int schemaId) {

        static Shop create(StackEndpoints stack, ClickHouseTestDatabase db, Path home, String topic, AggregationConfig aggregation)
                throws Exception {
            DomainConfig domain = TestConfigs.domain(topic, aggregation);
            ClickHouseConfig clickHouse = ShopOnRealStack.clickHouse(db);
            SluiceConfig config = ShopOnRealStack.config(stack, clickHouse, home, domain, 40);
            ShopOnRealStack.createTables(clickHouse, domain);
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl(), null, null, Duration.ofSeconds(10));
            Schema schema = EventSchemas.schemaFor(domain, domain.event("order"));
            return new Shop(domain, clickHouse, config, registry, schema, registry.register(topic + "-value", schema));
        }
    }

    /** Adds an event to each 10-minute window (sliding every minute) covering it that ends after {@code closedUntilMs}. */
    private static void addToWindows(Map<String, long[]> cells, long time, long amount, long closedUntilMs) {
        long lastStart = time - Math.floorMod(time, 60_000L);
        for (long start = lastStart; start > time - 10 * 60_000L; start -= 60_000L) {
            if (start + 10 * 60_000L > closedUntilMs) {
                long[] cell = cells.computeIfAbsent(CH.format(Instant.ofEpochMilli(start)), key -> new long[2]);
                cell[0]++;
                cell[1] += amount;
            }
        }
    }

    private static Map<String, long[]> copy(Map<String, long[]> cells) {
        Map<String, long[]> copy = new TreeMap<>();
        cells.forEach((key, cell) -> copy.put(key, cell.clone()));
        return copy;
    }

    private static List<ReplayJob.Outcome> replay(SluiceConfig config, ClickHouseConfig clickHouse, HttpSchemaRegistryClient registry,
                                                  DomainConfig domain, ReplayRange range) throws Exception {
        return replay(config, clickHouse, registry, domain, range, false);
    }

    private static List<ReplayJob.Outcome> replay(SluiceConfig config, ClickHouseConfig clickHouse, HttpSchemaRegistryClient registry,
                                                  DomainConfig domain, ReplayRange range, boolean includeLate) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.platform().kafka().bootstrapServers()));
             ClickHouseConnection connection = ClickHouseConnection.open(clickHouse);
             ClickHouseBatchSink sink = ClickHouseBatchSink.open(clickHouse, w -> w)) {
            ReplayJob job = new ReplayJob(SparkTestSession.get(), config, admin, registry, sink, connection,
                    new ReplayJob.Options(range, includeLate, false), new PrintStream(System.out));
            return job.run(domain, JobPlanner.selected(domain, List.of()));
        }
    }

    private static void awaitMutations(ClickHouseTestDatabase db) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (db.sql("SELECT count() FROM system.mutations WHERE database = '" + db.name() + "' AND is_done = 0").equals("0\n")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("mutations did not finish in 30 s");
    }

    private static String render(Map<String, long[]> expected) {
        StringBuilder out = new StringBuilder();
        expected.forEach((key, cell) -> out.append(key).append('\t').append(cell[0]).append('\t').append(cell[1]).append('\n'));
        return out.toString();
    }
}
