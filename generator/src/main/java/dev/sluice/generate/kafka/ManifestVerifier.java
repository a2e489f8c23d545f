package dev.sluice.generate.kafka;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.generate.MalformedKind;
import dev.sluice.generate.run.Manifest;
import dev.sluice.generate.run.TopicDigest;
import dev.sluice.registry.SchemaLookup;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.WireFormatException;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads back what a run wrote (the offset ranges in its manifest) with a plain consumer and checks it: the SHA-256 of
 * every partition's keys and values equals the run's, every valid message decodes through the registry (Confluent
 * framing) and its key is its key field, each key lives in one partition, and the malformed ones fail decoding for the
 * reasons their kinds name. Other producers writing to the same topics during the run make the ranges impure; the
 * check then fails on the digests, which is the honest answer.
 */
public final class ManifestVerifier {

    private static final Map<WireFormatException.Reason, MalformedKind> KIND_OF = Map.of(
            WireFormatException.Reason.BAD_MAGIC_BYTE, MalformedKind.BAD_MAGIC,
            WireFormatException.Reason.TRUNCATED, MalformedKind.TRUNCATED_AVRO,
            WireFormatException.Reason.UNKNOWN_SCHEMA_ID, MalformedKind.UNKNOWN_SCHEMA_ID);

    /** What was found in one topic. */
    public record TopicCheck(String topic, long messages, long decoded, Map<String, Long> malformedByKind, String sha256,
                             List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private ManifestVerifier() {
    }

    public static List<TopicCheck> verify(Manifest manifest, DomainConfig domain, KafkaConfig kafka, SchemaLookup registry,
                                          Duration timeout) {
        List<TopicCheck> checks = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka))) {
            manifest.topics().forEach((topic, expected) -> checks.add(verifyTopic(consumer, topic, expected,
                    domain.event(expected.eventType()), registry, timeout)));
        }
        return checks;
    }

    static Properties consumerProperties(KafkaConfig kafka) {
        Properties props = new Properties();
        props.putAll(kafka.clientProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-generate-verify");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    private static TopicCheck verifyTopic(KafkaConsumer<byte[], byte[]> consumer, String topic, Manifest.Topic expected,
                                          EventTypeConfig event, SchemaLookup registry, Duration timeout) {
        List<String> problems = new ArrayList<>();
        ConfluentWireFormat wire = new ConfluentWireFormat();
        int maxPartition = expected.partitions().keySet().stream().mapToInt(Integer::parseInt).max().orElse(0);
        TopicDigest digest = new TopicDigest(maxPartition + 1);
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Long> malformed = new LinkedHashMap<>();
        for (MalformedKind kind : MalformedKind.values()) {
            malformed.put(kind.name(), 0L);
        }
        long messages = 0;
        long decoded = 0;
        for (var entry : expected.partitions().entrySet()) {
            int partition = Integer.parseInt(entry.getKey());
            Manifest.Partition range = entry.getValue();
            if (range.firstOffset() == null) {
                problems.add("partition " + partition + ": the manifest has no offsets (the run did not go to Kafka)");
                continue;
            }
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, range.firstOffset());
            long next = range.firstOffset();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (next <= range.lastOffset()) {
                if (System.nanoTime() > deadline) {
                    problems.add("partition " + partition + ": timed out at offset " + next + " of " + range.lastOffset());
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() > range.lastOffset()) {
                        next = record.offset();
                        break;
                    }
                    next = record.offset() + 1;
                    messages++;
                    digest.add(partition, record.key(), record.value());
                    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    try {
                        GenericRecord value = wire.decode(record.value(), registry, null);
                        decoded++;
                        Object keyField = value.get(event.key());
                        if (keyField == null ? key != null : !keyField.toString().equals(key)) {
                            problems.add("partition " + partition + " offset " + record.offset() + ": key " + key
                                    + " is not the value's " + event.key() + " " + keyField);
                        }
                        if (key != null) {
                            Integer previous = partitionOfKey.putIfAbsent(key, partition);
                            if (previous != null && previous != partition) {
                                problems.add("key " + key + " is in partitions " + previous + " and " + partition);
                            }
                        }
                    } catch (WireFormatException e) {
                        MalformedKind kind = KIND_OF.get(e.reason());
                        if (kind == null) {
                            problems.add("partition " + partition + " offset " + record.offset() + ": undecodable for an unexpected reason: " + e.getMessage());
                        } else {
                            malformed.merge(kind.name(), 1L, Long::sum);
                        }
                    }
                }
            }
            if (!digest.partitionHex(partition).equals(range.sha256())) {
                problems.add("partition " + partition + ": SHA-256 " + digest.partitionHex(partition) + " differs from the run's " + range.sha256());
            }
        }
        if (messages != expected.messages()) {
            problems.add(messages + " messages read, the run sent " + expected.messages());
        }
        if (decoded != expected.valid()) {
            problems.add(decoded + " messages decode, the run sent " + expected.valid() + " valid ones");
        }
        if (!malformed.equals(expected.malformedByKind())) {
            problems.add("malformed by kind " + malformed + ", the run sent " + expected.malformedByKind());
        }
        String sha = digest.topicHex();
        if (!sha.equals(expected.sha256())) {
            problems.add("topic SHA-256 " + sha + " differs from the run's " + expected.sha256());
        }
        return new TopicCheck(topic, messages, decoded, malformed, sha, problems);
    }
}
