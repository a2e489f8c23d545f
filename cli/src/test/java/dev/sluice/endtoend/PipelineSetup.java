package dev.sluice.endtoend;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.kafka.RegistrySchemaIds;
import dev.sluice.generate.run.EventSink;
import dev.sluice.generate.run.GenerateRun;
import dev.sluice.generate.run.Manifest;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.SchemaRegistration;
import dev.sluice.topics.KafkaAdmins;
import dev.sluice.topics.TopicApplier;
import dev.sluice.topics.TopicReport;
import dev.sluice.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares a domain on the real stack the way an operator does, through core's APIs (what {@code bin/sluice topics
 * apply}, {@code schemas register} and {@code ddl apply} call), then produces events with the generator's real Kafka
 * path ({@link GenerateRun}, as {@code bin/sluice generate} does), recording which partition every message went to.
 */
final class PipelineSetup {

    private PipelineSetup() {
    }

    static void applyTopicsSchemasAndTables(SluiceConfig config, Path home, DomainConfig domain) {
        List<TopicSpec> specs = domain.events().values().stream().map(TopicSpec::of).toList();
        try (Admin admin = KafkaAdmins.create(config.platform().kafka())) {
            for (TopicReport report : new TopicApplier(admin, config.platform().kafka().bootstrapServers()).apply(specs, false)) {
                if (report.failing()) {
                    throw new IllegalStateException("topic " + report.spec().name() + " differs from the config: " + report.drifts());
                }
            }
        }
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        for (EventSchemaPlan plan : EventSchemaPlan.all(config, SchemaFiles.inRepository(home), domain.name())) {
            new SchemaRegistration(registry).register(plan);
        }
        try (ClickHouseConnection connection = ClickHouseConnection.open(config.platform().clickhouse())) {
            new DdlApplier(connection, config.platform().clickhouse()).apply(List.of(domain));
        }
    }

    /**
     * Produces the events of {@code options} to the domain's topics and writes the manifest.
     *
     * @return the manifest as read back from the file, and the partition of every message in send order
     */
    static ProducedEvents produce(SluiceConfig config, Path home, DomainConfig domain, GeneratorOptions options, Path manifestFile) {
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        WriterSchemas schemas = WriterSchemas.load(plan, SchemaFiles.inRepository(home).root());
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        RegistrySchemaIds ids = new RegistrySchemaIds(registry, config.platform().registry(), domain, schemas, true);
        int unknownId = RegistrySchemaIds.unknownId(registry);
        var properties = KafkaEventSink.producerProperties(config.platform().kafka(), "sluice-it-generate", "lz4", Map.of());
        RecordingSink recording;
        Manifest manifest;
        try (KafkaEventSink kafka = new KafkaEventSink(properties)) {
            recording = new RecordingSink(kafka);
            manifest = new GenerateRun(plan, options, schemas, ids, unknownId, recording,
                    new GenerateRun.Settings(null, null, Duration.ofSeconds(10), null, config.environment(), true, "kafka (integration test)")).run();
        }
        manifest.write(manifestFile);
        return new ProducedEvents(Manifest.read(manifestFile), recording.sends);
    }

    /** Passes everything to Kafka and remembers the topic and partition of each message, in send order. */
    private static final class RecordingSink implements EventSink {
        private final EventSink delegate;
        private final List<ProducedEvents.Send> sends = new ArrayList<>();
        private final Map<String, Integer> partitions = new HashMap<>();

        RecordingSink(EventSink delegate) {
            this.delegate = delegate;
        }

        @Override
        public int partitions(String topic) {
            return partitions.computeIfAbsent(topic, delegate::partitions);
        }

        @Override
        public void send(String topic, int partition, byte[] key, byte[] value) {
            delegate.send(topic, partition, key, value);
            sends.add(new ProducedEvents.Send(topic, partition));
        }

        @Override
        public void send(String topic, int partition, byte[] key, byte[] value, org.apache.kafka.clients.producer.Callback onAcknowledged) {
            delegate.send(topic, partition, key, value, onAcknowledged);
            sends.add(new ProducedEvents.Send(topic, partition));
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public Map<String, Map<Integer, OffsetRange>> offsets() {
            return delegate.offsets();
        }

        @Override
        public long acknowledged() {
            return delegate.acknowledged();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
