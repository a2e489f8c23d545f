package dev.sluice.generate;

import dev.sluice.config.DomainConfig;
import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.EventSchemas;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderTest {

    /** The record the schemas module's own encoder would be given for this event. */
    private static GenericRecord record(Schema schema, GeneratedEvent event) {
        GenericData.Record record = new GenericData.Record(schema);
        Map<String, Object> values = event.asMap();
        for (Schema.Field field : schema.getFields()) {
            Object value = values.get(field.name());
            Schema type = field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(1) : field.schema();
            if (value != null && type.getType() == Schema.Type.ENUM) {
                value = new GenericData.EnumSymbol(type, value.toString());
            }
            record.put(field.name(), value);
        }
        return record;
    }

    @Test
    void bytesAreIdenticalToTheSchemasModulesWireFormat() {
        for (DomainConfig domain : List.of(Domains.payments(), Domains.ecommerce())) {
            GeneratorPlan plan = GeneratorPlan.compile(domain);
            WriterSchemas schemas = Encoding.schemas(plan);
            SchemaIds ids = SchemaIds.local(schemas);
            EventEncoder encoder = new EventEncoder(schemas, ids, 1, 0, 99);
            ConfluentWireFormat wire = new ConfluentWireFormat();
            EventGenerator.stream(plan, Domains.options(41, 20_000)).forEachRemaining(event -> {
                EventEncoder.Encoded encoded = encoder.encode(event);
                Schema schema = encoded.version().schema().schema();
                assertArrayEquals(wire.encode(encoded.schemaId(), record(schema, event)), encoded.value(), event.toString());
                assertArrayEquals(event.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), encoded.key());
            });
        }
    }

    @Test
    void committedLatestVersionsMatchTheConfigSoEveryFieldRoundTrips() {
        GeneratorPlan plan = GeneratorPlan.compile(Domains.payments());
        WriterSchemas schemas = Encoding.schemas(plan);
        schemas.all().forEach((event, versions) -> {
            WriterSchemas.Version latest = versions.get(versions.size() - 1);
            assertTrue(latest.committed(), "schemas/payments has committed versions");
            assertEquals(EventSchemas.schemaFor(plan.domain(), plan.event(event).config()), latest.schema().schema(),
                    "latest committed " + event + " equals the config's schema");
        });
        SchemaIds ids = SchemaIds.local(schemas);
        Map<Integer, Schema> byId = new HashMap<>();
        schemas.all().values().forEach(vs -> vs.forEach(v -> byId.put(ids.idOf(v), v.schema().schema())));
        EventEncoder encoder = new EventEncoder(schemas, ids, 1, 0.2, 99);
        ConfluentWireFormat wire = new ConfluentWireFormat();
        int[] older = {0};
        EventGenerator.stream(plan, Domains.options(42, 5000)).forEachRemaining(event -> {
            EventEncoder.Encoded encoded = encoder.encode(event);
            List<WriterSchemas.Version> versions = schemas.versions(event.eventType());
            Schema latest = versions.get(versions.size() - 1).schema().schema();
            Schema writer = encoded.version().schema().schema();
            older[0] += writer == latest ? 0 : 1;
            // Read as the streaming job does: writer schema by id, resolved to the latest version.
            GenericRecord decoded = wire.decode(encoded.value(), id -> Optional.ofNullable(byId.get(id)), latest);
            event.asMap().forEach((name, value) -> {
                Object actual = decoded.get(name);
                Object expected = writer.getField(name) == null ? null : value;
                assertEquals(expected, actual == null || actual instanceof Number || actual instanceof Boolean ? actual : actual.toString(), name);
            });
        });
        assertTrue(older[0] > 0, "payments/transaction has two versions, so some events are written with v1");
    }

    /**
     * v1 of a page view without referrer and without the 'checkout' page type, v2 = today's config. Events are
     * written 20% with v1 (projected: no referrer; a checkout page view cannot be written with v1 and uses v2).
     */
    @Test
    void olderVersionsGetTheirShareAndEventsAreProjectedOntoThem(@TempDir Path schemasRoot) throws IOException {
        DomainConfig domain = Domains.ecommerce();
        GeneratorPlan plan = GeneratorPlan.compile(domain);
        Schema current = EventSchemas.schemaFor(domain, domain.event("page_view"));
        String v1 = current.toString(true)
                .replace("\"symbols\" : [ \"home\", \"search\", \"category\", \"product\", \"cart\", \"checkout\" ]",
                        "\"symbols\" : [ \"home\", \"search\", \"category\", \"product\", \"cart\" ]");
        Schema v1Schema = new Schema.Parser().parse(v1);
        List<Schema.Field> fields = v1Schema.getFields().stream().filter(f -> !f.name().equals("referrer"))
                .map(f -> new Schema.Field(f, f.schema())).toList();
        v1Schema = Schema.createRecord(v1Schema.getName(), v1Schema.getDoc(), v1Schema.getNamespace(), false, fields);
        assertEquals(5, v1Schema.getField("page_type").schema().getEnumSymbols().size());
        Path dir = Files.createDirectories(schemasRoot.resolve("ecommerce"));
        Files.writeString(dir.resolve("page_view.v1.avsc"), v1Schema.toString(true));
        Files.writeString(dir.resolve("page_view.v2.avsc"), current.toString(true));

        WriterSchemas schemas = Encoding.schemas(plan, schemasRoot);
        assertEquals(2, schemas.versions("page_view").size());
        assertEquals(1, schemas.versions("purchase").size(), "events without files use the config's schema");
        SchemaIds ids = SchemaIds.local(schemas);
        EventEncoder encoder = new EventEncoder(schemas, ids, 5, 0.2, 99);
        ConfluentWireFormat wire = new ConfluentWireFormat();
        int v1Count = 0;
        int pageViews = 0;
        Schema v1Written = schemas.versions("page_view").get(0).schema().schema();
        var stream = EventGenerator.stream(plan, Domains.options(43, 40_000));
        while (stream.hasNext()) {
            GeneratedEvent event = stream.next();
            EventEncoder.Encoded encoded = encoder.encode(event);
            if (!event.eventType().equals("page_view")) {
                continue;
            }
            pageViews++;
            if (encoded.version().number() == 1) {
                v1Count++;
                assertTrue(!"checkout".equals(event.value("page_type")), "checkout is not a v1 symbol");
                GenericRecord asV1 = wire.decode(encoded.value(), id -> Optional.of(v1Written), null);
                assertNull(asV1.getSchema().getField("referrer"), "projected onto v1: no referrer");
                assertEquals(event.value("user_id"), asV1.get("user_id").toString());
                assertEquals(event.value("page_type"), asV1.get("page_type").toString());
                // A v2 reader (the streaming job) resolves it and sees referrer's default.
                GenericRecord asV2 = wire.decode(encoded.value(), id -> Optional.of(v1Written), current);
                assertNull(asV2.get("referrer"));
            }
        }
        // 20% are drawn for v1; the 4% checkout page views among them fall back to v2.
        assertEquals(0.2 * 0.96, v1Count / (double) pageViews, 0.015);
    }

    @Test
    void aLatestVersionThatCannotHoldTheConfigIsABadConfigError(@TempDir Path schemasRoot) throws IOException {
        DomainConfig domain = Domains.ecommerce();
        Schema current = EventSchemas.schemaFor(domain, domain.event("purchase"));
        // A committed version with a required field the config does not have (and no default).
        String broken = current.toString(true).replace("\"name\" : \"order_id\"", "\"name\" : \"order_number\"");
        Path dir = Files.createDirectories(schemasRoot.resolve("ecommerce"));
        Files.writeString(dir.resolve("purchase.v1.avsc"), broken);
        GeneratorConfigException e = assertThrows(GeneratorConfigException.class,
                () -> Encoding.schemas(GeneratorPlan.compile(domain), schemasRoot));
        assertTrue(e.getMessage().contains("order_number") && e.getMessage().contains("schemas generate"), e.getMessage());
    }
}
