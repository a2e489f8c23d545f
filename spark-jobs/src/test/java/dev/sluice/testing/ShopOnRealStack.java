package dev.sluice.testing;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.config.MetricsConfig;
import dev.sluice.config.PlatformConfig;
import dev.sluice.config.RegistryConfig;
import dev.sluice.config.RetryConfig;
import dev.sluice.config.SecretsConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.config.SubjectNameStrategy;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The test shop domain ({@link TestConfigs}) wired to the real stack for integration tests: config pointing at the
 * stack and the test's own ClickHouse database, its tables created, orders as Avro records, and records produced to a
 * fresh one-partition topic (one partition keeps the micro-batches, and so the watermark, deterministic).
 */
public final class ShopOnRealStack {

    private ShopOnRealStack() {
    }

    public static ClickHouseConfig clickHouse(ClickHouseTestDatabase db) {
        return new ClickHouseConfig(db.serverUrl(), db.name(), "default", "", null, new RetryConfig(2, Duration.ZERO, Duration.ZERO));
    }

    /** Config for the shop domain on the stack, 200 ms triggers and {@code maxOffsetsPerTrigger} records per batch. */
    public static SluiceConfig config(StackEndpoints stack, ClickHouseConfig clickHouse, Path home, DomainConfig domain, long maxOffsetsPerTrigger) {
        return new SluiceConfig("it", new PlatformConfig(
                new KafkaConfig(stack.kafkaBootstrap(), Map.of()),
                new RegistryConfig(stack.registryUrl(), SubjectNameStrategy.TOPIC, CompatibilityMode.BACKWARD, null, null, Duration.ofSeconds(10)),
                clickHouse,
                new SparkConfig("local[2]", 2, Duration.ofMillis(200), SparkConfig.StateStore.HDFS, maxOffsetsPerTrigger, Map.of()),
                new CheckpointConfig(home.resolve("checkpoints").toString()), ConfigDefaults.of(SecretsConfig.class),
                ConfigDefaults.of(MetricsConfig.class), null), Map.of("shop", domain));
    }

    public static void createTables(ClickHouseConfig clickHouse, DomainConfig domain) {
        try (ClickHouseConnection connection = ClickHouseConnection.open(clickHouse)) {
            new DdlApplier(connection, clickHouse).apply(List.of(domain));
        }
    }

    public static GenericRecord order(Schema schema, String id, long eventTimeMillis, String country, long amount) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", id);
        record.put("event_time", eventTimeMillis);
        record.put("user_id", "u1");
        record.put("country", country);
        record.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "approved"));
        record.put("amount", amount);
        record.put("quantity", 1);
        record.put("score", 0.5);
        record.put("is_fraud", false);
        return record;
    }

    /** Creates {@code topic} with one partition and produces the values in order. */
    public static void produce(StackEndpoints stack, String topic, List<byte[]> values) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value));
            }
            producer.flush();
        }
    }

    public static void deleteTopic(StackEndpoints stack, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }
}
