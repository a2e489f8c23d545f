package dev.sluice.benchmarks;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.decode.WriterSchema;
import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.schema.EventSchemas;
import org.apache.avro.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Real framed Kafka values of one shipped event type: the generator's events, encoded by its own encoder (Confluent
 * header with local schema ids, the default share of records written with older schema versions), with the writer
 * schemas those ids stand for and the reader schema the pipeline decodes to.
 *
 * @param timestampsMicros each record's Kafka timestamp (its event time: a produced-at-once record)
 */
record EventFixture(String domain, EventTypeConfig event, Schema reader, List<WriterSchema> writers, List<byte[]> values,
                    List<Long> timestampsMicros) {

    static final String[] EVENT_TYPES = {"ecommerce.page_view", "ecommerce.cart_add", "ecommerce.purchase",
            "payments.transaction", "payments.device_event", "payments.click"};

    /** @param qualified {@code domain.event}, one of {@link #EVENT_TYPES} */
    static EventFixture load(String qualified, int records) {
        String[] parts = qualified.split("\\.", 2);
        Path repo = repository();
        SluiceConfig config = ConfigLoader.forRepository(repo, Map.of()).load("dev");
        DomainConfig domain = config.domain(parts[0]);
        EventTypeConfig event = domain.event(parts[1]);
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        WriterSchemas schemas = WriterSchemas.load(plan, repo.resolve("schemas"));
        SchemaIds ids = SchemaIds.local(schemas);
        List<WriterSchema> writers = new ArrayList<>();
        for (WriterSchemas.Version version : schemas.versions(event.name())) {
            writers.add(new WriterSchema(ids.idOf(version), version.number(), version.schema().schema()));
        }
        EventEncoder encoder = new EventEncoder(schemas, ids, 7, GeneratorOptions.DEFAULT_OLD_SCHEMA_FRACTION, 999_999);
        List<byte[]> values = new ArrayList<>(records);
        List<Long> timestamps = new ArrayList<>(records);
        Iterator<GeneratedEvent> events = EventGenerator.stream(plan, GeneratorOptions.defaults(7, Instant.parse("2026-03-02T10:00:00Z"),
                Long.MAX_VALUE));
        while (values.size() < records) {
            GeneratedEvent generated = events.next();
            if (generated.eventType().equals(event.name())) {
                values.add(encoder.encode(generated).value());
                timestamps.add(generated.eventTime() * 1000L);
            }
        }
        return new EventFixture(domain.name(), event, EventSchemas.schemaFor(domain, event), writers, values, timestamps);
    }

    /** The repository root (config/, schemas/): {@code -Dsluice.home}, else the working directory or its parent. */
    private static Path repository() {
        String home = System.getProperty("sluice.home");
        if (home != null) {
            return Path.of(home);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("config/domains")) ? here : here.getParent();
    }
}
