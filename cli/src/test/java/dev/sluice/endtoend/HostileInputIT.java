package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.EventSchemas;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.sluice.endtoend.HostileRecords.Expect.deadLetter;
import static dev.sluice.endtoend.HostileRecords.Expect.event;
import static dev.sluice.endtoend.HostileRecords.confluent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile and broken records produced into the payments topics next to a generated data set, then the job (a child
 * JVM, until idle). None may crash it: the job must exit 0, every broken record must be a dead letter with the right
 * reason and an error that says what was wrong, and every valid event (generated, or crafted with null keys, unicode,
 * very long strings, a time far in the past) must be counted exactly as the end-to-end test's independent
 * expectation ({@link ExpectedAggregation}) says, late events included.
 */
@ExtendWith(RealStack.class)
class HostileInputIT {

    static final String DOMAIN = "payments";
    /** One aggregation per topic that gets hostile records; device_risk_5m averages the double field risk_score. */
    static final List<String> AGGREGATIONS = List.of("merchant_fraud_5m", "device_risk_5m");
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void brokenRecordsAreDeadLettersWithTheirReasonAndValidEventsCountExactly(StackEndpoints stack, ClickHouseTestDatabase db,
                                                                              @TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 100, Duration.ofMillis(500), 2));
        SluiceConfig config = repository.load();
        DomainConfig domain = config.domain(DOMAIN);
        PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
        ProducedEvents produced = PipelineSetup.produce(config, repository.home(), domain,
                GeneratorOptions.defaults(4242L, START, 2_000).withEventTimeRate(10, 0), dir.resolve("manifest.json"));
        List<ProducedEvents.Positioned> messages = produced.positioned(domain);

        List<HostileRecords.Hostile> hostile = hostileRecords(config, domain);
        Map<HostileRecords.Hostile, RecordMetadata> sent = send(stack, hostile);
        ServiceFaultsIT.log(started, "produced %d generated events and %d hostile records", messages.size(), hostile.size());

        List<String> run = new ArrayList<>(List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", DOMAIN, "--until-idle"));
        AGGREGATIONS.forEach(a -> run.addAll(List.of("--aggregation", a)));
        try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job.log"))) {
            int exit = job.awaitExit(Duration.ofMinutes(6));
            ServiceFaultsIT.keepLog(repository.logs().resolve("job.log"), "HostileInputIT-job.log");
            assertEquals(0, exit, "hostile input must not stop the job; its log ends:\n" + job.tail(80));
        }
        ServiceFaultsIT.log(started, "job finished");

        ClickHouseState clickHouse = new ClickHouseState(db);
        List<String> failures = new ArrayList<>();
        for (String name : AGGREGATIONS) {
            AggregationConfig aggregation = domain.aggregations().get(name);
            EventTypeConfig event = domain.event(aggregation.event());
            checkDeadLetters(clickHouse, domain, aggregation, event, sent, failures);
            checkAggregates(config, repository, clickHouse, domain, aggregation, event, messages, sent, failures);
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " problems:\n  " + String.join("\n  ", failures) + "\njob log: target/it-logs/HostileInputIT-job.log");
        }
    }

    private List<HostileRecords.Hostile> hostileRecords(SluiceConfig config, DomainConfig domain) {
        HostileRecords records = new HostileRecords(domain);
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        EventTypeConfig transaction = domain.event("transaction");
        EventTypeConfig device = domain.event("device_event");
        Schema transactionSchema = EventSchemas.schemaFor(domain, transaction);
        Schema deviceSchema = EventSchemas.schemaFor(domain, device);
        int transactionId = registry.idFor(SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), transaction.topic(),
                transactionSchema), transactionSchema);
        int deviceId = registry.idFor(SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), device.topic(),
                deviceSchema), deviceSchema);
        String tx = transaction.topic();
        String dev = device.topic();
        long t = START.plusSeconds(70).toEpochMilli();
        byte[] good = confluent(transactionId, transactionSchema, records.event("transaction", "hostile-template", t));
        byte[] goodKey = HostileRecords.utf8("card_1");

        List<HostileRecords.Hostile> list = new ArrayList<>();
        list.add(new HostileRecords.Hostile("random bytes", tx, goodKey, HostileRecords.withFirstByte(records.randomBytes(64), 0x7f), null,
                deadLetter("bad_magic_byte", "first byte is 0x7F")));
        list.add(new HostileRecords.Hostile("empty value", tx, goodKey, new byte[0], null,
                deadLetter("truncated", "value has 0 bytes")));
        list.add(new HostileRecords.Hostile("null value (tombstone)", tx, goodKey, null, null,
                deadLetter("truncated", "value has 0 bytes")));
        list.add(new HostileRecords.Hostile("wrong magic byte", tx, goodKey, HostileRecords.withFirstByte(good, 1), null,
                deadLetter("bad_magic_byte", "first byte is 0x01")));
        list.add(new HostileRecords.Hostile("JSON instead of Avro", tx, goodKey, HostileRecords.utf8("{\"event_id\":\"x\"}"), null,
                deadLetter("bad_magic_byte", "first byte is 0x7B")));
        list.add(new HostileRecords.Hostile("truncated Avro", tx, goodKey, HostileRecords.truncated(good, good.length / 2), null,
                deadLetter("undecodable", "does not decode with writer schema " + transactionId)));
        list.add(new HostileRecords.Hostile("header without payload", tx, goodKey, HostileRecords.truncated(good, 5), null,
                deadLetter("undecodable", "does not decode with writer schema " + transactionId)));
        list.add(new HostileRecords.Hostile("schema id that does not exist", tx, goodKey, withId(good, 987_654), null,
                deadLetter("unknown_schema_id", "schema id 987654 is not a registered version of event type 'transaction'")));
        list.add(new HostileRecords.Hostile("valid id of another subject", tx, goodKey, withId(good, deviceId), null,
                deadLetter("unknown_schema_id", "schema id " + deviceId + " is not a registered version of event type 'transaction'")));
        byte[] oversized = new byte[900_000];
        System.arraycopy(good, 0, oversized, 0, 5);
        System.arraycopy(records.randomBytes(oversized.length - 5), 0, oversized, 5, oversized.length - 5);
        list.add(new HostileRecords.Hostile("oversized payload (900 kB of noise)", tx, goodKey, oversized, null,
                deadLetter("undecodable", "does not decode with writer schema " + transactionId)));
        list.add(new HostileRecords.Hostile("event time before 1970", tx, goodKey, transactionValue(records, transactionId, transactionSchema,
                "hostile-1960", Instant.parse("1960-01-01T00:00:00Z").toEpochMilli()), null,
                deadLetter("event_time_out_of_range", "event_time 1960-01-01T00:00:00.000Z")));
        list.add(new HostileRecords.Hostile("event time in the year 3000", tx, goodKey, transactionValue(records, transactionId, transactionSchema,
                "hostile-3000", Instant.parse("3000-01-01T00:00:00Z").toEpochMilli()), null,
                deadLetter("event_time_out_of_range", "event_time 3000-01-01T00:00:00.000Z")));
        list.add(new HostileRecords.Hostile("event time two days ahead of its Kafka timestamp", tx, goodKey,
                transactionValue(records, transactionId, transactionSchema, "hostile-ahead", t + Duration.ofDays(2).toMillis()), t,
                deadLetter("event_time_out_of_range", "ahead of the record's Kafka timestamp")));
        list.add(new HostileRecords.Hostile("event time that overflows Spark's timestamps", tx, goodKey,
                transactionValue(records, transactionId, transactionSchema, "hostile-overflow", Long.MAX_VALUE), null,
                deadLetter("undecodable", "does not decode with writer schema " + transactionId)));
        list.add(new HostileRecords.Hostile("Kafka timestamp in 2200 on garbage", tx, goodKey, HostileRecords.utf8("garbage"),
                Instant.parse("2200-01-01T00:00:00Z").toEpochMilli(), deadLetter("bad_magic_byte", "is outside what ClickHouse stores")));

        // Valid events that must be counted like any other.
        Map<String, Object> nullKey = records.event("transaction", "hostile-null-key", t + 1_000);
        list.add(new HostileRecords.Hostile("valid event with a null key", tx, null, confluent(transactionId, transactionSchema, nullKey), null,
                event(nullKey)));
        Map<String, Object> unicode = records.event("transaction", "hostile-unicode-\u00e9\u4e2d", t + 2_000);
        unicode.put("country", "Z\u00fcrich \u65e5\u672c \uD83C\uDDEF\uD83C\uDDF5 \u0105\u0119 \"quoted\" \\ back\tslash");
        list.add(new HostileRecords.Hostile("valid event with unicode in a group-by dimension", tx, goodKey,
                confluent(transactionId, transactionSchema, unicode), null, event(unicode)));
        Map<String, Object> longStrings = records.event("transaction", "hostile-long-string", t + 3_000);
        longStrings.put("country", "L".repeat(100_000));
        longStrings.put("merchant_id", "m".repeat(200_000));
        list.add(new HostileRecords.Hostile("valid event with 100 kB and 200 kB strings", tx, goodKey,
                confluent(transactionId, transactionSchema, longStrings), null, event(longStrings)));
        Map<String, Object> past = records.event("transaction", "hostile-2001", Instant.parse("2001-01-01T00:00:00Z").toEpochMilli());
        list.add(new HostileRecords.Hostile("valid event far in the past (late, or its own window)", tx, goodKey,
                confluent(transactionId, transactionSchema, past), null, event(past)));

        // The double field of device_event.
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Map<String, Object> fields = records.event("device_event", "hostile-risk-" + bad, t);
            fields.put("risk_score", bad);
            list.add(new HostileRecords.Hostile("risk_score " + bad, dev, goodKey, confluent(deviceId, deviceSchema, fields), null,
                    deadLetter("non_finite_number", "risk_score=" + (Double.isNaN(bad) ? "NaN" : bad > 0 ? "Infinity" : "-Infinity"))));
        }
        Map<String, Object> deviceUnicode = records.event("device_event", "hostile-device-unicode", t + 4_000);
        deviceUnicode.put("ip_country", "\u0414\u0430");
        list.add(new HostileRecords.Hostile("valid device event with unicode", dev, null, confluent(deviceId, deviceSchema, deviceUnicode), null,
                event(deviceUnicode)));
        return list;
    }

    private static byte[] transactionValue(HostileRecords records, int id, Schema schema, String eventId, long eventTime) {
        return confluent(id, schema, records.event("transaction", eventId, eventTime));
    }

    private static byte[] withId(byte[] value, int id) {
        byte[] copy = value.clone();
        System.arraycopy(java.nio.ByteBuffer.allocate(4).putInt(id).array(), 0, copy, 1, 4);
        return copy;
    }

    /** Sends every record to partition 0 of its topic, in order, and returns where each landed. */
    private static Map<HostileRecords.Hostile, RecordMetadata> send(StackEndpoints stack, List<HostileRecords.Hostile> records) throws Exception {
        Map<HostileRecords.Hostile, RecordMetadata> sent = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()))) {
            for (HostileRecords.Hostile record : records) {
                sent.put(record, producer.send(new ProducerRecord<>(record.topic(), 0, record.timestamp(), record.key(), record.value())).get());
            }
        }
        return sent;
    }

    private static void checkDeadLetters(ClickHouseState clickHouse, DomainConfig domain, AggregationConfig aggregation, EventTypeConfig event,
                                         Map<HostileRecords.Hostile, RecordMetadata> sent, List<String> failures) {
        Map<Long, String> expected = new TreeMap<>();
        Map<Long, HostileRecords.Hostile> byOffset = new HashMap<>();
        sent.forEach((record, metadata) -> {
            if (record.topic().equals(event.topic()) && !record.expect().valid()) {
                expected.put(metadata.offset(), record.expect().reason());
                byOffset.put(metadata.offset(), record);
            }
        });
        Map<Long, String> actual = new TreeMap<>();
        Map<Long, String> errors = new TreeMap<>();
        for (List<String> row : clickHouse.select("SELECT kafka_partition, kafka_offset, reason, error FROM sluice_dead_letters_current WHERE domain = '"
                + domain.name() + "' AND aggregation = '" + aggregation.name() + "' ORDER BY kafka_partition, kafka_offset")) {
            if (!row.get(0).equals("0")) {
                failures.add(aggregation.name() + ": dead letter in partition " + row.get(0) + " (only partition 0 got hostile records): " + row);
                continue;
            }
            actual.put(Long.parseLong(row.get(1)), row.get(2));
            errors.put(Long.parseLong(row.get(1)), row.get(3));
        }
        for (Map.Entry<Long, String> entry : expected.entrySet()) {
            HostileRecords.Hostile record = byOffset.get(entry.getKey());
            String reason = actual.get(entry.getKey());
            if (!entry.getValue().equals(reason)) {
                failures.add(aggregation.name() + ": " + record.name() + " (offset " + entry.getKey() + ") should be a dead letter '"
                        + entry.getValue() + "', found " + (reason == null ? "none" : "'" + reason + "'"));
            } else if (!errors.get(entry.getKey()).contains(record.expect().errorContains())) {
                failures.add(aggregation.name() + ": " + record.name() + ": error '" + errors.get(entry.getKey()) + "' does not say '"
                        + record.expect().errorContains() + "'");
            } else {
                System.out.printf("  %-50s -> %s: %s%n", record.name(), reason, abbreviate(errors.get(entry.getKey())));
            }
        }
        Set<Long> unexpected = new TreeSet<>(actual.keySet());
        unexpected.removeAll(expected.keySet());
        if (!unexpected.isEmpty()) {
            failures.add(aggregation.name() + ": unexpected dead letters at offsets " + unexpected + ": "
                    + unexpected.stream().map(o -> actual.get(o) + " " + abbreviate(errors.get(o))).toList());
        }
    }

    private static void checkAggregates(SluiceConfig config, ScratchRepository repository, ClickHouseState clickHouse, DomainConfig domain,
                                        AggregationConfig aggregation, EventTypeConfig event, List<ProducedEvents.Positioned> messages,
                                        Map<HostileRecords.Hostile, RecordMetadata> sent, List<String> failures) {
        List<InputEvent> events = new ArrayList<>(messages.stream().filter(m -> m.topic().equals(event.topic()) && m.event().valid())
                .map(ProducedEvents.Positioned::input).toList());
        sent.forEach((record, metadata) -> {
            if (record.topic().equals(event.topic()) && record.expect().valid()) {
                Map<String, Object> fields = record.expect().fields();
                events.add(new InputEvent((String) fields.get(EventTypeConfig.EVENT_ID), (Long) fields.get(EventTypeConfig.EVENT_TIME), fields,
                        metadata.partition(), metadata.offset()));
            }
        });
        Path checkpoint = repository.checkpoint(config, domain.name(), aggregation.name());
        BatchLog log = BatchLog.read(checkpoint, event.topic());
        ExpectedAggregation.Result expected = new ExpectedAggregation(domain, aggregation).compute(events, log);

        Set<String> late = clickHouse.lateEvents(domain.name(), aggregation.name()).keySet();
        if (!late.equals(expected.late().keySet())) {
            failures.add(aggregation.name() + ": late events " + late + " differ from the expected " + expected.late().keySet());
        }
        List<String> dimensions = aggregation.groupBy() == null ? List.of() : aggregation.groupBy();
        List<String> measures = List.copyOf(aggregation.measures().keySet());
        Map<ExpectedAggregation.RowKey, List<String>> actual = clickHouse.aggregateRows(AggregationColumns.tableName(domain, aggregation),
                dimensions, measures);
        if (!actual.keySet().equals(expected.rows().keySet())) {
            Set<ExpectedAggregation.RowKey> missing = new java.util.LinkedHashSet<>(expected.rows().keySet());
            missing.removeAll(actual.keySet());
            Set<ExpectedAggregation.RowKey> extra = new java.util.LinkedHashSet<>(actual.keySet());
            extra.removeAll(expected.rows().keySet());
            failures.add(aggregation.name() + ": rows missing " + missing.stream().limit(5).map(HostileInputIT::abbreviate).toList()
                    + ", unexpected " + extra.stream().limit(5).map(HostileInputIT::abbreviate).toList());
        }
        int wrong = 0;
        for (Map.Entry<ExpectedAggregation.RowKey, Map<String, ExpectedValue>> row : expected.rows().entrySet()) {
            List<String> values = actual.get(row.getKey());
            for (int i = 0; values != null && i < measures.size(); i++) {
                String mismatch = row.getValue().get(measures.get(i)).mismatch(values.get(i));
                if (mismatch != null && wrong++ < 10) {
                    failures.add(aggregation.name() + ": " + abbreviate(row.getKey()) + " " + measures.get(i) + ": " + mismatch);
                }
            }
        }
        System.out.printf("%s: %d events (%d crafted), %d late, %d rows, %d aggregated%n", aggregation.name(), events.size(),
                events.stream().filter(e -> e.eventId().startsWith("hostile-")).count(), late.size(), actual.size(), expected.aggregated());
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() > 160 ? text.substring(0, 160) + "...(" + text.length() + " chars)" : text;
    }
}
