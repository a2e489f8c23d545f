package dev.sluice.schema;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** The committed schemas/ must match the shipped config, and every committed version must be compatible with its predecessors. */
class CommittedSchemasTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of("SLUICE_SECRET_CLICKHOUSE_PASSWORD", "unused-in-this-test", "SLUICE_SECRET_REDIS_PASSWORD", "redis-pw");

    private static SluiceConfig load(String environment) {
        return ConfigLoader.forRepository(REPO, ENV).load(environment);
    }

    @Test
    void latestCommittedVersionOfEveryEventEqualsTheSchemaGeneratedFromConfig() {
        SchemaGeneration generation = new SchemaGeneration(SchemaFiles.inRepository(REPO));
        List<String> outOfSync = new ArrayList<>();
        for (SchemaGeneration.Result r : generation.plan(load("dev"))) {
            if (r.changed()) {
                outOfSync.add(r.domain() + "/" + r.event() + " (needs " + REPO.relativize(r.version().file()) + ")");
            }
        }
        if (!outOfSync.isEmpty()) {
            fail("schemas/ is out of sync with config/domains for " + outOfSync
                    + ". Run 'bin/sluice schemas generate', check the result with 'bin/sluice schemas check' and commit the new .avsc files.");
        }
    }

    @Test
    void schemasDoNotDependOnTheEnvironment() throws IOException {
        // Overlays may change topics and partitions, never fields: one schema history serves every environment.
        SluiceConfig dev = load("dev");
        try (Stream<Path> overlays = Files.list(REPO.resolve("environments"))) {
            for (Path overlay : overlays.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String env = overlay.getFileName().toString().replace(".yaml", "");
                SluiceConfig other = load(env);
                dev.domains().values().forEach(d -> d.events().values().forEach(e -> assertEquals(
                        EventSchemas.schemaFor(d, e).toString(),
                        EventSchemas.schemaFor(other.domain(d.name()), other.domain(d.name()).event(e.name())).toString(),
                        "environments/" + env + ".yaml changes the schema of " + d.name() + "/" + e.name())));
            }
        }
    }

    @Test
    void everyCommittedVersionIsCompatibleUnderItsMode() {
        SluiceConfig config = load("dev");
        List<String> breaks = new ArrayList<>();
        for (EventSchemaPlan plan : EventSchemaPlan.all(config, SchemaFiles.inRepository(REPO), null)) {
            assertFalse(plan.versions().isEmpty(), plan.label() + " has no committed schema");
            CompatibilityChecker.check(plan.versions(), plan.mode()).forEach(b -> breaks.add(b.line()));
        }
        assertEquals(List.of(), breaks, "committed schema versions break compatibility; run 'bin/sluice schemas check'");
    }
}
