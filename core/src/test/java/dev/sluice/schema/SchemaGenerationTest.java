package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldType;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaGenerationTest {

    @TempDir
    Path dir;

    private static SluiceConfig config(FieldConfig... fields) {
        DomainConfig shop = TestEvents.domain("shop", TestEvents.event("page_view", "A page view.", "shop.page_views", CompatibilityMode.BACKWARD, fields));
        return new SluiceConfig("dev", null, Map.of("shop", shop));
    }

    private static final FieldConfig USER = TestEvents.field("user_id", FieldType.STRING, "Shopper.");

    @Test
    void firstRunWritesV1ThenNothingChanges() throws Exception {
        SchemaFiles files = new SchemaFiles(dir);
        SchemaGeneration generation = new SchemaGeneration(files);
        List<SchemaGeneration.Result> first = generation.generate(config(USER));
        assertEquals(SchemaGeneration.Outcome.FIRST_VERSION, first.get(0).outcome());
        Path v1 = dir.resolve("shop/page_view.v1.avsc");
        assertTrue(Files.readString(v1).startsWith("{\n  \"type\" : \"record\""), "pretty JSON");
        assertEquals(SchemaGeneration.Outcome.UNCHANGED, generation.generate(config(USER)).get(0).outcome());
        assertEquals(List.of(v1), List.of(files.latest("shop", "page_view").orElseThrow().file()));
    }

    @Test
    void docsOnlyChangesDoNotCreateAVersion() {
        SchemaGeneration generation = new SchemaGeneration(new SchemaFiles(dir));
        generation.generate(config(USER));
        List<SchemaGeneration.Result> again = generation.generate(config(TestEvents.field("user_id", FieldType.STRING, "The shopper's id.")));
        assertEquals(SchemaGeneration.Outcome.DOCS_ONLY, again.get(0).outcome());
        assertFalse(Files.exists(dir.resolve("shop/page_view.v2.avsc")));
    }

    @Test
    void aStructuralChangeWritesTheNextVersionAndKeepsTheOldOne() throws Exception {
        SchemaGeneration generation = new SchemaGeneration(new SchemaFiles(dir));
        generation.generate(config(USER));
        String v1 = Files.readString(dir.resolve("shop/page_view.v1.avsc"));
        FieldConfig utm = TestEvents.optional("utm_campaign", FieldType.STRING, "Campaign.");
        assertEquals(SchemaGeneration.Outcome.NEW_VERSION, generation.plan(config(USER, utm)).get(0).outcome());
        assertFalse(Files.exists(dir.resolve("shop/page_view.v2.avsc")), "plan writes nothing");
        SchemaGeneration.Result result = generation.generate(config(USER, utm)).get(0);
        assertEquals(2, result.version().version());
        assertEquals(v1, Files.readString(dir.resolve("shop/page_view.v1.avsc")));
        assertTrue(Files.readString(dir.resolve("shop/page_view.v2.avsc")).contains("utm_campaign"));
    }

    @Test
    void defaultsAndLogicalTypesCountAsStructure() {
        // Parsing Canonical Form would drop these; our equivalence must not.
        SchemaGeneration generation = new SchemaGeneration(new SchemaFiles(dir));
        generation.generate(config(USER, TestEvents.field("at", FieldType.LONG)));
        assertEquals(SchemaGeneration.Outcome.NEW_VERSION, generation.plan(config(USER, TestEvents.field("at", FieldType.TIMESTAMP))).get(0).outcome());
    }

    @Test
    void aGapInVersionsIsReportedWithTheFix() throws Exception {
        SchemaFiles files = new SchemaFiles(dir);
        new SchemaGeneration(files).generate(config(USER));
        Files.move(dir.resolve("shop/page_view.v1.avsc"), dir.resolve("shop/page_view.v2.avsc"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> files.versions("shop", "page_view"));
        assertTrue(e.getMessage().contains("page_view.v1.avsc is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("restore"), e.getMessage());
    }

    @Test
    void neverOverwritesAVersion() {
        SchemaFiles files = new SchemaFiles(dir);
        new SchemaGeneration(files).generate(config(USER));
        VersionedSchema v1 = files.latest("shop", "page_view").orElseThrow();
        assertThrows(IllegalStateException.class, () -> files.write("shop", "page_view", 1, v1.schema()));
    }

    @Test
    void orphanedEventsAreListed() throws Exception {
        SchemaFiles files = new SchemaFiles(dir);
        SchemaGeneration generation = new SchemaGeneration(files);
        generation.generate(config(USER));
        Files.createDirectories(dir.resolve("old"));
        Files.copy(dir.resolve("shop/page_view.v1.avsc"), dir.resolve("old/gone.v1.avsc"));
        assertEquals(List.of("old/gone"), generation.orphans(config(USER)));
    }
}
