package dev.sluice.generate;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.config.RegistryConfig;
import dev.sluice.config.SubjectNameStrategy;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.kafka.ManifestVerifier;
import dev.sluice.generate.kafka.RegistrySchemaIds;
import dev.sluice.generate.kafka.Topics;
import dev.sluice.generate.run.GenerateRun;
import dev.sluice.generate.run.Manifest;
import dev.sluice.generate.run.TopicDigest;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.WireFormatException;
import dev.sluice.topics.KafkaAdmins;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Against a REAL Kafka broker and Confluent-compatible registry, found by test-support's {@link RealStack}
 * (SLUICE_KAFKA / SLUICE_REGISTRY, else the running local stack); the class fails when they cannot be found. Produces the payments domain to topics with a per-run suffix, reads everything back with a plain consumer,
 * decodes it through the registry, and compares it with the pure generator's events for the same seed.
 */
@ExtendWith(RealStack.class)
class GeneratorKafkaIT {

    private static final long EVENTS = 20_000;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static KafkaConfig kafka;
    private static RegistryConfig registryConfig;
    private static HttpSchemaRegistryClient registry;
    private static final List<DomainConfig> domains = new ArrayList<>();

    @BeforeAll
    static void connect(StackEndpoints stack) {
        kafka = new KafkaConfig(stack.kafkaBootstrap(), Map.of());
        registryConfig = new RegistryConfig(stack.registryUrl(), SubjectNameStrategy.TOPIC, CompatibilityMode.BACKWARD, null, null,
                Duration.ofSeconds(10));
        registry = new HttpSchemaRegistryClient(registryConfig);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        List<String> topics = new ArrayList<>();
        domains.forEach(d -> d.events().values().forEach(e -> topics.add(e.topic())));
        if (!topics.isEmpty()) {
            try (Admin admin = KafkaAdmins.create(kafka)) {
                admin.deleteTopics(topics).all().get();
            }
            for (String topic : topics) {
                registry.deleteSubject(topic + "-value");
            }
        }
    }

    /** The shipped payments domain with its topics renamed for this run. */
    private static DomainConfig payments(String tag) {
        DomainConfig shipped = Domains.payments();
        Map<String, EventTypeConfig> events = new LinkedHashMap<>();
        shipped.events().forEach((name, e) -> events.put(name, new EventTypeConfig(e.name(), e.doc(),
                "sluice-it-" + RUN + "-" + tag + "-" + e.topic(), e.key(), e.partitions(), e.replicationFactor(), e.retention(),
                e.cleanupPolicy(), e.compatibility(), e.fields())));
        DomainConfig domain = new DomainConfig(shipped.name(), shipped.description(), shipped.entities(), events,
                shipped.dimensions(), shipped.aggregations(), shipped.generator());
        domains.add(domain);
        return domain;
    }

    private static GeneratorOptions options() {
        return Domains.options(7, EVENTS)
                .withLate(0.05, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL)
                .withMalformed(0.003);
    }

    private record Produced(DomainConfig domain, GeneratorPlan plan, WriterSchemas schemas, Manifest manifest) {
    }

    private static Produced produce(String tag) {
        DomainConfig domain = payments(tag);
        Topics.ensure(kafka, domain, true);
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        WriterSchemas schemas = WriterSchemas.load(plan, Domains.REPO.resolve("schemas"));
        RegistrySchemaIds ids = new RegistrySchemaIds(registry, registryConfig, domain, schemas, true);
        int unknown = RegistrySchemaIds.unknownId(registry);
        try (KafkaEventSink sink = new KafkaEventSink(KafkaEventSink.producerProperties(kafka, "sluice-it", "zstd", Map.of()))) {
            Manifest manifest = new GenerateRun(plan, options(), schemas, ids, unknown, sink,
                    new GenerateRun.Settings(null, null, Duration.ofSeconds(2), null, "dev", true, "kafka")).run();
            return new Produced(domain, plan, schemas, manifest);
        }
    }

    /** Every message of a topic, per partition in offset order. */
    private static Map<Integer, List<ConsumerRecord<byte[], byte[]>>> consumeAll(String topic, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new java.util.TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                    read++;
                }
            }
            // Nothing beyond what the run sent.
            for (ConsumerRecord<byte[], byte[]> extra : consumer.poll(Duration.ofSeconds(1))) {
                fail("unexpected extra message in " + topic + " at offset " + extra.offset());
            }
        }
        return byPartition;
    }

    private static String digest(Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition) {
        TopicDigest digest = new TopicDigest(1);
        byPartition.forEach((p, records) -> records.forEach(r -> digest.add(p, r.key(), r.value())));
        return digest.topicHex();
    }

    @Test
    void producesExactlyTheSeededEventsReadableThroughTheRegistry() {
        Produced run = produce("a");
        assertEquals(EVENTS, run.manifest().validEvents());
        assertEquals((long) Math.floor(0.003 * EVENTS), run.manifest().malformedEvents());

        // The pure generator, same config, same options: what the consumer must find, by event id.
        Map<String, GeneratedEvent> expected = new HashMap<>();
        Map<String, Long> expectedPerTopic = new HashMap<>();
        EventGenerator.stream(run.plan(), options()).forEachRemaining(e -> {
            if (e.valid()) {
                expected.put(e.eventId(), e);
                expectedPerTopic.merge(e.topic(), 1L, Long::sum);
            }
        });
        ConfluentWireFormat wire = new ConfluentWireFormat();
        Map<MalformedKind, Integer> malformed = new EnumMap<>(MalformedKind.class);
        int matched = 0;
        for (EventTypeConfig event : run.domain().events().values()) {
            Manifest.Topic topicManifest = run.manifest().topics().get(event.topic());
            var records = consumeAll(event.topic(), topicManifest.messages());
            List<WriterSchemas.Version> versions = run.schemas().versions(event.name());
            Schema latest = versions.get(versions.size() - 1).schema().schema();
            Map<String, Integer> partitionOfKey = new HashMap<>();
            long valid = 0;
            for (var entry : records.entrySet()) {
                for (ConsumerRecord<byte[], byte[]> record : entry.getValue()) {
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    Integer previous = partitionOfKey.putIfAbsent(key, record.partition());
                    assertTrue(previous == null || previous == record.partition(), "key " + key + " in two partitions");
                    GenericRecord decoded;
                    try {
                        decoded = wire.decode(record.value(), registry, latest);
                    } catch (WireFormatException e) {
                        MalformedKind kind = switch (e.reason()) {
                            case BAD_MAGIC_BYTE -> MalformedKind.BAD_MAGIC;
                            case TRUNCATED -> MalformedKind.TRUNCATED_AVRO;
                            case UNKNOWN_SCHEMA_ID -> MalformedKind.UNKNOWN_SCHEMA_ID;
                            case UNDECODABLE -> throw new AssertionError("undecodable for no planned reason: " + e.getMessage(), e);
                        };
                        malformed.merge(kind, 1, Integer::sum);
                        continue;
                    }
                    valid++;
                    assertEquals(decoded.get(event.key()).toString(), key, "key is the key field");
                    GeneratedEvent original = expected.get(decoded.get("event_id").toString());
                    assertNotNull(original, "every consumed event is one the pure generator makes");
                    assertEquals(event.name(), original.eventType());
                    int writerId = java.nio.ByteBuffer.wrap(record.value(), 1, 4).getInt();
                    Schema writer = registry.getById(writerId);
                    original.asMap().forEach((field, value) -> {
                        Object actual = decoded.get(field);
                        Object want = writer.getField(field) == null ? null : value;
                        assertEquals(want, actual instanceof CharSequence || actual instanceof GenericRecord
                                || actual instanceof org.apache.avro.generic.GenericEnumSymbol ? actual.toString() : actual, field);
                    });
                    matched++;
                }
            }
            assertEquals(expectedPerTopic.getOrDefault(event.topic(), 0L), valid, event.topic() + " valid count");
            assertEquals(topicManifest.valid(), valid);
        }
        assertEquals(EVENTS, matched);
        assertEquals(Map.of(MalformedKind.BAD_MAGIC, 20, MalformedKind.TRUNCATED_AVRO, 20, MalformedKind.UNKNOWN_SCHEMA_ID, 20), malformed);
        assertTrue(registry.schemaById(run.manifest().unknownSchemaId()).isEmpty(), "the unknown id really is unknown");

        // And the manifest's offsets and digests check out from the broker.
        ManifestVerifier.verify(run.manifest(), run.domain(), kafka, registry, Duration.ofSeconds(60))
                .forEach(check -> assertTrue(check.ok(), check.topic() + ": " + check.problems()));
    }

    @Test
    void sameSeedTwiceGivesByteIdenticalTopics() {
        Produced first = produce("b");
        Produced second = produce("c");
        for (String event : first.domain().events().keySet()) {
            String topicA = first.domain().event(event).topic();
            String topicB = second.domain().event(event).topic();
            String consumedA = digest(consumeAll(topicA, first.manifest().topics().get(topicA).messages()));
            String consumedB = digest(consumeAll(topicB, second.manifest().topics().get(topicB).messages()));
            assertEquals(consumedA, consumedB, event + ": SHA-256 of all keys and values");
            assertEquals(first.manifest().topics().get(topicA).sha256(), consumedA, "the run's own digest matches the broker's bytes");
        }
        // Each run has its own subjects (topic naming); registries give one id per distinct schema, so the ids match,
        // and with them the bytes.
        for (String event : first.domain().events().keySet()) {
            assertEquals(first.manifest().topics().get(first.domain().event(event).topic()).schemaVersions(),
                    second.manifest().topics().get(second.domain().event(event).topic()).schemaVersions(), event);
        }
    }
}
