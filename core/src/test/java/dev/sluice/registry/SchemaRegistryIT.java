package dev.sluice.registry;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.SchemaRegistration;
import dev.sluice.schema.VersionedSchema;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real registry (SLUICE_REGISTRY). Subjects get a per-run suffix so runs and other tests never collide. */
@ExtendWith(RealStack.class)
class SchemaRegistryIT {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> subjects = new ArrayList<>();
    private String registryUrl;
    private HttpSchemaRegistryClient client;
    private List<EventSchemaPlan> plans;

    @BeforeEach
    void connect(StackEndpoints stack) {
        registryUrl = stack.registryUrl();
        client = new HttpSchemaRegistryClient(registryUrl, null, null, Duration.ofSeconds(10));
        SluiceConfig config = ConfigLoader.forRepository(REPO, Map.of()).load("dev");
        plans = EventSchemaPlan.all(config, SchemaFiles.inRepository(REPO), null).stream()
                .map(p -> new EventSchemaPlan(p.domain(), p.event(), p.subject() + "-it-" + run, p.mode(), p.versions()))
                .toList();
        plans.forEach(p -> subjects.add(p.subject()));
    }

    @AfterEach
    void cleanUp() {
        if (client == null) {
            return;
        }
        for (String subject : subjects) {
            client.deleteSubject(subject);
        }
    }

    private EventSchemaPlan plan(String event) {
        return plans.stream().filter(p -> p.event().name().equals(event)).findFirst().orElseThrow();
    }

    @Test
    void registeringAllShippedSchemasTwiceGivesTheSameIds() {
        SchemaRegistration registration = new SchemaRegistration(client);
        List<Integer> first = new ArrayList<>();
        plans.forEach(p -> registration.register(p).forEach(r -> first.add(r.id())));
        // A fresh client: no cache can hide a registry that would hand out new ids.
        SchemaRegistration again = new SchemaRegistration(new HttpSchemaRegistryClient(registryUrl, null, null, Duration.ofSeconds(10)));
        List<Integer> second = new ArrayList<>();
        List<Boolean> newly = new ArrayList<>();
        plans.forEach(p -> again.register(p).forEach(r -> {
            second.add(r.id());
            newly.add(r.newlyRegistered());
        }));
        assertEquals(first, second);
        assertFalse(newly.contains(true), "nothing is registered twice");
        EventSchemaPlan transaction = plan("transaction");
        assertEquals(transaction.versions().size(), client.versions(transaction.subject()).size(), "one registry version per committed version");
        assertEquals(transaction.versions().get(transaction.versions().size() - 1).schema(), client.latest(transaction.subject()).schema());
        // The plain register call is idempotent too for the latest version.
        VersionedSchema latest = transaction.versions().get(transaction.versions().size() - 1);
        assertEquals(client.idFor(transaction.subject(), latest.schema()), client.register(transaction.subject(), latest.schema()));
    }

    @Test
    void compatibilityIsSetPerSubjectAndReadBack() {
        EventSchemaPlan click = plan("click");
        new SchemaRegistration(client).register(click);
        assertEquals(click.mode(), client.getCompatibility(click.subject()));
        client.setCompatibility(click.subject(), CompatibilityMode.FULL_TRANSITIVE);
        assertEquals(CompatibilityMode.FULL_TRANSITIVE, client.getCompatibility(click.subject()));
        client.setCompatibility(click.subject(), CompatibilityMode.NONE);
        assertEquals(CompatibilityMode.NONE, client.getCompatibility(click.subject()));
    }

    @Test
    void theRegistryRejectsABreakingSchema() {
        EventSchemaPlan transaction = plan("transaction");
        new SchemaRegistration(client).register(transaction);
        Schema latest = transaction.versions().get(transaction.versions().size() - 1).schema();
        // amount: long -> string, a change no reader survives.
        String breakingJson = latest.toString().replace("\"name\":\"amount\",\"type\":\"long\"", "\"name\":\"amount\",\"type\":\"string\"");
        Schema breaking = new Schema.Parser().parse(breakingJson);
        CompatibilityResult verdict = client.testCompatibility(transaction.subject(), breaking);
        assertFalse(verdict.compatible(), verdict.toString());
        RegistryException e = assertThrows(RegistryException.class, () -> client.register(transaction.subject(), breaking));
        assertEquals(RegistryException.Kind.BAD_DATA, e.kind());

        Schema additive = new Schema.Parser().parse(latest.toString().replace("\"fields\":[",
                "\"fields\":[{\"name\":\"it_extra\",\"type\":[\"null\",\"string\"],\"default\":null},"));
        assertTrue(client.testCompatibility(transaction.subject(), additive).compatible());
    }

    @Test
    void getByIdRoundTripsAndFeedsTheWireFormat() {
        EventSchemaPlan pageView = plan("page_view");
        int id = new SchemaRegistration(client).register(pageView).get(0).id();
        Schema schema = pageView.versions().get(0).schema();
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(registryUrl, null, null, Duration.ofSeconds(10));
        assertEquals(schema, fresh.getById(id));
        assertEquals(schema.toString(), fresh.getById(id).toString());

        GenericRecord record = new GenericData.Record(schema);
        schema.getFields().forEach(f -> record.put(f.name(), sample(f.schema())));
        ConfluentWireFormat wire = new ConfluentWireFormat();
        byte[] bytes = wire.encode(id, record);
        assertEquals(record, wire.decode(bytes, fresh, schema));
        assertEquals(Optional.empty(), fresh.schemaById(Integer.MAX_VALUE - 7));
    }

    @Test
    void lookupsOfMissingThingsAreNotFound() {
        String subject = "sluice-it-missing-" + run;
        assertEquals(List.of(), client.versions(subject));
        Schema schema = SchemaBuilder.record("Missing").namespace("dev.sluice.it").fields().requiredString("a").endRecord();
        assertEquals(Optional.empty(), client.lookup(subject, schema));
        assertEquals(RegistryException.Kind.NOT_FOUND, assertThrows(RegistryException.class, () -> client.latest(subject)).kind());
        assertTrue(client.testCompatibility(subject, schema).compatible());
    }

    private static Object sample(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> "s";
            case LONG -> 1_700_000_000_000L;
            case INT -> 3;
            case DOUBLE -> 0.5;
            case BOOLEAN -> true;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case UNION -> null;
            default -> throw new IllegalArgumentException(schema.toString());
        };
    }
}
