package dev.sluice.generate.encode;

import dev.sluice.config.DomainConfig;
import dev.sluice.generate.EventPlan;
import dev.sluice.generate.GeneratorConfigException;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.schema.EventSchemas;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.VersionedSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer schemas of each event type: its committed versions ({@code schemas/<domain>/<event>.v<N>.avsc}), or,
 * when none is committed yet, the schema generated from the config as version 1. Versions the config can no longer
 * fill (a required field that was removed without a default, an incompatible type change) are left out with a
 * warning; the latest version must be usable.
 */
public final class WriterSchemas {

    /** One usable version of an event's schema. */
    public record Version(EventPlan event, VersionedSchema schema, RecordWriter writer, boolean committed) {
        public int number() {
            return schema.version();
        }
    }

    private final Map<String, List<Version>> byEvent;
    private final List<String> warnings;

    private WriterSchemas(Map<String, List<Version>> byEvent, List<String> warnings) {
        this.byEvent = byEvent;
        this.warnings = warnings;
    }

    /** Reads the committed versions under {@code schemasRoot} (usually {@code <repo>/schemas}); null = config only. */
    public static WriterSchemas load(GeneratorPlan plan, Path schemasRoot) {
        SchemaFiles files = schemasRoot == null ? null : new SchemaFiles(schemasRoot);
        DomainConfig domain = plan.domain();
        Map<String, List<Version>> byEvent = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (EventPlan event : plan.events()) {
            List<VersionedSchema> committed = files == null ? List.of() : files.versions(domain.name(), event.name());
            boolean fromFiles = !committed.isEmpty();
            if (!fromFiles) {
                committed = List.of(new VersionedSchema(domain.name(), event.name(), 1,
                        EventSchemas.schemaFor(domain, event.config()), null));
            }
            List<Version> usable = new ArrayList<>();
            for (int i = 0; i < committed.size(); i++) {
                VersionedSchema version = committed.get(i);
                boolean latest = i == committed.size() - 1;
                List<String> versionProblems = new ArrayList<>();
                RecordWriter writer = RecordWriter.compile(event, version.schema(), version.label(), versionProblems);
                if (writer != null) {
                    usable.add(new Version(event, version, writer, fromFiles));
                } else if (latest) {
                    problems.addAll(versionProblems);
                    problems.add(version.label() + " is the latest committed version but does not fit the config;"
                            + " run 'bin/sluice schemas generate' to commit a version matching it");
                } else {
                    warnings.add("not producing with " + version.label() + " (older version): " + String.join("; ", versionProblems));
                }
            }
            byEvent.put(event.name(), List.copyOf(usable));
        }
        if (!problems.isEmpty()) {
            throw new GeneratorConfigException(domain.name(), problems);
        }
        return new WriterSchemas(byEvent, List.copyOf(warnings));
    }

    /** Usable versions of an event type, oldest first; the last is the latest. */
    public List<Version> versions(String eventType) {
        List<Version> versions = byEvent.get(eventType);
        if (versions == null) {
            throw new IllegalArgumentException("no schemas for event type '" + eventType + "'");
        }
        return versions;
    }

    public Map<String, List<Version>> all() {
        return byEvent;
    }

    /** Older versions that cannot be produced, with the reason. */
    public List<String> warnings() {
        return warnings;
    }
}
