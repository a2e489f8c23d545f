package dev.sluice.cli.status;

import dev.sluice.checkpoint.CheckpointLayout;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.config.MetricsConfig;
import dev.sluice.config.PlatformConfig;
import dev.sluice.config.RetryConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code status} against a real Kafka, a checkpoint written by a real Spark Kafka query and a real ClickHouse: 20
 * events produced before the query started (it starts at latest), 100 it consumed, 30 produced after it stopped; of
 * the 100, ClickHouse holds 90 aggregated, 6 late and 4 dead letters. Status must account for all 150.
 *
 * <p>The ClickHouse side stands in for the sink with plain tables under the view names status reads; the real-stack
 * test of the whole job (generator -> job -> status) is wired by the lead once the job lands.
 */
@ExtendWith(RealStack.class)
class StatusIT {

    @Test
    void accountsForEveryProducedEvent(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path home) throws Exception {
        String topic = "status_it_" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        produce(stack, topic, 20);

        CheckpointConfig checkpoints = new CheckpointConfig("var/checkpoints");
        String location = CheckpointLayout.queryLocation(checkpoints, home, "it", "shop", "orders");
        SparkSession spark = SparkSession.builder().master("local[2]").appName("status-it").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        StreamingQuery query = spark.readStream().format("kafka").option("kafka.bootstrap.servers", stack.kafkaBootstrap())
                .option("subscribe", topic).option("startingOffsets", "latest").load()
                .writeStream().queryName("shop.orders").format("noop").option("checkpointLocation", location).start();
        try {
            query.processAllAvailable(); // the first batch fixes the starting offsets at latest: the 20 are before its start
            produce(stack, topic, 100);
            query.processAllAvailable();
        } finally {
            query.stop();
        }
        produce(stack, topic, 30);

        db.sql("CREATE TABLE shop_orders_current (orders UInt64) ENGINE = Memory");
        db.sql("INSERT INTO shop_orders_current VALUES (50), (40)");
        db.sql("CREATE TABLE sluice_late_events_current (domain String, aggregation String, partly_late UInt64, missed_windows UInt64) ENGINE = Memory");
        db.sql("INSERT INTO sluice_late_events_current VALUES ('shop','orders',0,1),('shop','orders',0,1),('shop','orders',0,1),"
                + "('shop','orders',0,1),('shop','orders',0,1),('shop','orders',0,1),('other','orders',0,1)");
        db.sql("CREATE TABLE sluice_dead_letters_current (domain String, aggregation String, reason String) ENGINE = Memory");
        db.sql("INSERT INTO sluice_dead_letters_current VALUES ('shop','orders','bad_wire_format'),('shop','orders','bad_wire_format'),"
                + "('shop','orders','bad_wire_format'),('shop','orders','unknown_schema_id'),('shop','','bad_wire_format')");

        SluiceConfig config = config(stack, db, checkpoints, topic);
        List<String> notes = new ArrayList<>();
        StatusReport report;
        try (KafkaOffsetReader kafka = new KafkaOffsetReader(config.platform().kafka());
             ClickHouseConnection clickHouse = ClickHouseConnection.open(config.platform().clickhouse())) {
            report = new StatusGatherer(config, home, new MetricsProbe(), new CheckpointReader(), kafka::read,
                    Optional.of(new ClickHouseCountsReader(clickHouse, db.name())), Clock.systemUTC())
                    .gather(List.copyOf(config.domains().values()), "http://127.0.0.1:" + closedPort() + "/metrics", notes);
        }
        StringWriter text = new StringWriter();
        StatusTable.print(report, new PrintWriter(text));
        System.out.println(text);

        QueryStatus orders = report.domains().get(0).queries().get(0);
        QueryFlow flow = Reconciler.flow(orders);
        assertEquals(List.of(), notes);
        assertEquals(Optional.of(150L), flow.retained());
        assertEquals(Optional.of(20L), flow.beforeStart());
        assertEquals(Optional.of(100L), flow.consumed());
        assertEquals(Optional.of(30L), flow.notYetRead());
        assertEquals(Optional.of(90L), flow.aggregated());
        assertEquals(Optional.of(6L), flow.late());
        assertEquals(Optional.of(4L), flow.deadLetters());
        assertEquals(Optional.of(0L), flow.remainder());
        assertEquals(Optional.of(query.lastProgress().batchId()), orders.checkpoint().lastCommitted());
        assertEquals("running", orders.state().label(), "checkpoint written seconds ago: " + orders.state().reason());
        assertTrue(text.toString().contains("orders <- " + topic + ": 150 in Kafka = 20 before its start + 100 consumed + 30 not yet read"), text.toString());
        assertTrue(text.toString().contains("consumed 100 = 90 aggregated + 6 late + 4 dead letters + 0 remainder"), text.toString());
        assertTrue(text.toString().contains("dead letters tied to no aggregation: bad_wire_format 1"), text.toString());
    }

    private static void produce(StackEndpoints stack, String topic, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    private static SluiceConfig config(StackEndpoints stack, ClickHouseTestDatabase db, CheckpointConfig checkpoints, String topic) {
        EventTypeConfig order = new EventTypeConfig("transaction", null, topic, "user_id", 2, 1, Duration.ofDays(1),
                EventTypeConfig.CleanupPolicy.DELETE, null, List.of());
        AggregationConfig orders = StatusFixtures.aggregation("orders", StatusFixtures.tumbling(), AggregationConfig.OutputMode.UPDATE,
                false, List.of(), StatusFixtures.count("orders"));
        DomainConfig shop = new DomainConfig("shop", null, Map.of(), Map.of("transaction", order), Map.of(), Map.of("orders", orders), null);
        PlatformConfig platform = new PlatformConfig(new KafkaConfig(stack.kafkaBootstrap(), Map.of()), null,
                new ClickHouseConfig(db.serverUrl(), db.name(), "default", "", null, new RetryConfig(1, Duration.ZERO, Duration.ZERO)),
                // A driver on a cluster, not this machine: status can only go by how recently the checkpoint was written.
                new SparkConfig("spark://cluster.example:7077", 2, Duration.ofSeconds(10), SparkConfig.StateStore.HDFS, 1000, Map.of()), checkpoints,
                null, new MetricsConfig(true, 9464), null);
        return new SluiceConfig("it", platform, Map.of("shop", shop));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
