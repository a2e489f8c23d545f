package dev.sluice.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.EventSchemas;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application jar on a real Spark standalone cluster: a master and a worker from the Maven jars of a Spark
 * distribution ({@link SparkDistribution}, which includes the distribution's Guava 14), the streaming job and then
 * a replay submitted to it exactly as README's "Running on a Spark cluster" says, in client deploy mode with
 * SLUICE_HOME pointing at a repository directory of config, against the real Kafka, schema registry and ClickHouse.
 *
 * <p>A failed run keeps its directory (named in the failure): the daemons' and drivers' logs, the worker's executor
 * logs under {@code cluster/work}, the config and the checkpoints.
 *
 * <p>The jar must bring everything the distribution lacks (Kafka source, spark-avro, ClickHouse client, YAML,
 * Prometheus) and clash with nothing it has; the job's code runs in the executors (decoding, aggregation) and in the
 * driver (ClickHouse inserts, ledger, metrics), so both class paths are exercised.
 */
@ExtendWith(RealStack.class)
class ClusterJobIT {

    private static final String ENV = "it";
    private static final String DOMAIN = "shop";
    private static final String VIEW = "SELECT window_start, country, orders, approved, revenue, buyers FROM shop_orders_per_minute_current "
            + "ORDER BY window_start, country";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void streamingJobAndReplayRunOnAStandaloneClusterFromTheApplicationJar(StackEndpoints stack, ClickHouseTestDatabase db,
                                                                          @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        Path jar = Path.of(SparkDistribution.property("sluice.app.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing; it is built by `mvn package` in spark-app");
        List<String> opens = List.of(SparkDistribution.property("sluice.spark.java.opens").strip().split("\\s+"));
        String topic = "cluster_it_" + UUID.randomUUID().toString().substring(0, 8);

        Path home = repository(dir.resolve("repository"));
        Map<String, String> driverEnvironment = Map.of(
                "SLUICE_HOME", home.toString(),
                "SLUICE_KAFKA", stack.kafkaBootstrap(),
                "SLUICE_REGISTRY", stack.registryUrl(),
                "SLUICE_CLICKHOUSE", db.serverUrl(),
                "SLUICE_IT_DATABASE", db.name(),
                "SLUICE_IT_TOPIC", topic,
                "SLUICE_CHECKPOINTS", dir.resolve("checkpoints").toString(),
                "SLUICE_METRICS_PORT", String.valueOf(StandaloneCluster.freePort()));
        SluiceConfig config = ConfigLoader.forRepository(home, driverEnvironment).load(ENV);

        long started = System.nanoTime();
        Path sparkHome = SparkDistribution.home(dir.resolve("spark-home"));
        phase("Spark home from Maven", started);
        List<ShopOrders.Order> orders = ShopOrders.orders();
        String expected = ShopOrders.expectedRows(orders);
        try (StandaloneCluster cluster = StandaloneCluster.start(sparkHome, dir.resolve("cluster"), opens)) {
            prepare(config, orders);
            cluster.awaitWorker(Duration.ofSeconds(90));
            phase("cluster up, tables, schema and data ready", started);

            List<String> submit = List.of("--master", cluster.masterUrl(), "--deploy-mode", "client",
                    "--conf", "spark.driver.extraJavaOptions=" + String.join(" ", opens),
                    "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", opens));

            run(sparkHome, driverEnvironment, dir.resolve("streaming-driver.log"), submit, "--class", "dev.sluice.spark.StreamingJobMain",
                    jar.toString(), "--env", ENV, "--domain", DOMAIN, "--until-idle");
            phase("streaming job done", started);
            assertEquals(expected, db.sql(VIEW), "what the streaming job wrote");
            assertEquals("1\tbad_magic_byte\n", db.sql("SELECT count(), reason FROM sluice_dead_letters_current GROUP BY reason"));

            // Lose a window, then recompute the three minutes with the replay job.
            db.sql("ALTER TABLE shop_orders_per_minute DELETE WHERE window_start = toDateTime('2024-01-01 00:01:00', 'UTC')");
            awaitMutations(db);
            assertNotEquals(expected, db.sql(VIEW), "the deletion took effect");
            run(sparkHome, driverEnvironment, dir.resolve("replay-driver.log"), submit, "--class", "dev.sluice.replay.ReplayJobMain",
                    jar.toString(), "--env", ENV, "--domain", DOMAIN, "--from", ShopOrders.START.toString(), "--to", ShopOrders.END.toString());
            phase("replay done", started);
            assertEquals(expected, db.sql(VIEW), "after the replay");
            assertEquals("replay:shop.orders_per_minute\t9\n",
                    db.sql("SELECT _query, count() FROM shop_orders_per_minute_current GROUP BY _query"), "every window was replayed");

            assertRanOnTheCluster(cluster, Set.of("sluice-it-shop", "sluice-replay-it-shop"));
        } finally {
            deleteTopic(stack.kafkaBootstrap(), topic);
        }
    }

    /** Leaves the broker as it was; a topic that was never created (an earlier failure) is not a second failure. */
    private static void deleteTopic(String bootstrap, String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new AssertionError("cannot delete the test topic " + topic, e.getCause());
            }
        }
    }

    /** Progress on the test's output (failsafe keeps it in target/failsafe-reports): where the minutes go. */
    private static void phase(String what, long startedNanos) {
        System.out.printf("ClusterJobIT: %s after %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }

    /** A repository directory (SLUICE_HOME) with this test's config/platform.yaml, config/domains/shop.yaml and environments/it.yaml. */
    private static Path repository(Path target) throws IOException, URISyntaxException {
        Path source = Path.of(ClusterJobIT.class.getResource("/cluster-it").toURI());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    /** Tables from the DDL generator, the schema in the registry, the topic, and the orders (plus a duplicate and a bad record). */
    private static void prepare(SluiceConfig config, List<ShopOrders.Order> orders) throws Exception {
        DomainConfig domain = config.domain(DOMAIN);
        EventTypeConfig event = domain.event("order");
        try (ClickHouseConnection connection = ClickHouseConnection.open(config.platform().clickhouse())) {
            new DdlApplier(connection, config.platform().clickhouse()).apply(List.of(domain));
        }
        Schema schema = EventSchemas.schemaFor(domain, event);
        String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), event.topic(), schema);
        int schemaId = new HttpSchemaRegistryClient(config.platform().registry()).register(subject, schema);

        String bootstrap = config.platform().kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(event.topic(), event.partitions(), (short) 1))).all().get();
        }
        ConfluentWireFormat wire = new ConfluentWireFormat();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (ShopOrders.Order order : orders) {
            records.add(new ProducerRecord<>(event.topic(), order.user(), wire.encode(schemaId, ShopOrders.record(schema, order))));
        }
        // A producer retry: the same event again, which deduplicate: true must count once.
        ShopOrders.Order retried = orders.get(5);
        records.add(new ProducerRecord<>(event.topic(), retried.user(), wire.encode(schemaId, ShopOrders.record(schema, retried))));
        // Not Confluent-framed: a dead letter, never an aggregate.
        byte[] bad = wire.encode(schemaId, ShopOrders.record(schema, orders.get(0)));
        bad[0] = 7;
        records.add(new ProducerRecord<>(event.topic(), "u0", bad));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        }
    }

    private static void run(Path sparkHome, Map<String, String> environment, Path log, List<String> submit, String... rest) throws Exception {
        List<String> args = new ArrayList<>(submit);
        args.addAll(List.of(rest));
        try (ChildProcess driver = SparkSubmitScript.start(sparkHome, args, environment, log)) {
            int exit = driver.awaitExit(JOB_TIMEOUT);
            assertEquals(0, exit, "spark-submit " + String.join(" ", args) + " failed; end of " + log + ":\n" + driver.logTail(80));
        }
    }

    /**
     * The master lists both applications as finished, and the worker ran an executor for each that ran tasks: the
     * work happened on the cluster, not in a local master the job might have fallen back to.
     */
    private static void assertRanOnTheCluster(StandaloneCluster cluster, Set<String> applications) throws Exception {
        JsonNode state = cluster.awaitMaster(Duration.ofSeconds(30), s -> s.path("completedapps").size() >= applications.size(),
                "completed applications " + applications);
        Set<String> names = new TreeSet<>();
        for (JsonNode app : state.path("completedapps")) {
            String name = app.path("name").asText();
            names.add(name);
            assertEquals("FINISHED", app.path("state").asText(), "state of " + name);
            Path appDir = cluster.workDir().resolve(app.path("id").asText());
            assertTrue(Files.isDirectory(appDir), "the worker ran no executor for " + name + " (" + appDir + " is missing)");
            try (Stream<Path> executors = Files.list(appDir)) {
                List<Path> stderr = executors.map(executor -> executor.resolve("stderr")).filter(Files::isRegularFile).toList();
                assertTrue(stderr.stream().anyMatch(ClusterJobIT::ranTasks), "no executor of " + name + " ran a task: " + stderr);
            }
        }
        assertEquals(new TreeSet<>(applications), names, "applications the master completed");
    }

    private static boolean ranTasks(Path executorLog) {
        try {
            return Files.readString(executorLog).contains("Executor: Running task");
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitMutations(ClickHouseTestDatabase db) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (db.sql("SELECT count() FROM system.mutations WHERE database = '" + db.name() + "' AND is_done = 0").equals("0\n")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ClickHouse mutations did not finish in 30 s");
    }
}
