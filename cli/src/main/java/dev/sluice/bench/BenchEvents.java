package dev.sluice.bench;

import dev.sluice.config.SluiceConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.kafka.RegistrySchemaIds;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.schema.SchemaFiles;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The generator set up for the benchmark's topics: the domain's generator plan, its committed writer schemas
 * registered under the benchmark's subjects, and producers with the generator's own settings (idempotent, acks=all,
 * lz4, large batches), so that preloaded and live events look exactly like {@code bin/sluice generate}'s.
 */
final class BenchEvents {

    private final SluiceConfig config;
    private final GeneratorPlan plan;
    private final WriterSchemas schemas;
    private final RegistrySchemaIds ids;

    private BenchEvents(SluiceConfig config, GeneratorPlan plan, WriterSchemas schemas, RegistrySchemaIds ids) {
        this.config = config;
        this.plan = plan;
        this.schemas = schemas;
        this.ids = ids;
    }

    static BenchEvents prepare(SluiceConfig config, DomainConfig domain, Path home) {
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        WriterSchemas schemas = WriterSchemas.load(plan, SchemaFiles.inRepository(home).root());
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        RegistrySchemaIds ids = new RegistrySchemaIds(registry, config.platform().registry(), domain, schemas, true);
        return new BenchEvents(config, plan, schemas, ids);
    }

    GeneratorPlan plan() {
        return plan;
    }

    WriterSchemas schemas() {
        return schemas;
    }

    RegistrySchemaIds ids() {
        return ids;
    }

    KafkaEventSink sink(String clientId) {
        return new KafkaEventSink(KafkaEventSink.producerProperties(config.platform().kafka(), clientId, "lz4", Map.of()));
    }

    /**
     * Valid events only (no late, no malformed ones: they would only blur what is measured), a flat density of
     * {@code eventTimeRate} events per second of event time from {@code start}, the default schema-version mix.
     */
    static GeneratorOptions options(long seed, Instant start, double eventTimeRate, long maxEvents) {
        return new GeneratorOptions(seed, start, eventTimeRate, 0.0, 0.0, Duration.ofMinutes(1), GeneratorOptions.LateDistribution.EXPONENTIAL, 0.0,
                GeneratorOptions.DEFAULT_OLD_SCHEMA_FRACTION, maxEvents);
    }
}
