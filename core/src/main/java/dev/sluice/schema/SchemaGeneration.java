package dev.sluice.schema;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings {@code schemas/} in line with the config: an event whose generated schema differs from its latest committed
 * version (ignoring docs, see {@link SchemaEquivalence}) gets a new version file; nothing is ever rewritten.
 */
public final class SchemaGeneration {

    public enum Outcome {
        /** No version was committed: v1 written. */
        FIRST_VERSION,
        /** The config changed the schema: v(N+1) written. */
        NEW_VERSION,
        /** The latest version equals the config. */
        UNCHANGED,
        /** Only docs differ: no version (docs are not part of a version's identity); the committed docs stay. */
        DOCS_ONLY
    }

    /** What happened to one event; {@code version} is the written or the current latest version. */
    public record Result(String domain, String event, Outcome outcome, VersionedSchema version) {
        public boolean changed() {
            return outcome == Outcome.FIRST_VERSION || outcome == Outcome.NEW_VERSION;
        }
    }

    private final SchemaFiles files;

    public SchemaGeneration(SchemaFiles files) {
        this.files = files;
    }

    /** Compares without writing: the results say what {@link #generate} would do (version = the one it would write). */
    public List<Result> plan(SluiceConfig config) {
        return run(config, false);
    }

    public List<Result> generate(SluiceConfig config) {
        return run(config, true);
    }

    /** Committed {@code domain/event} names whose event is no longer configured (kept: their data may still be in Kafka). */
    public List<String> orphans(SluiceConfig config) {
        Set<String> configured = new HashSet<>();
        config.domains().values().forEach(d -> d.events().keySet().forEach(e -> configured.add(d.name() + "/" + e)));
        return files.committedEvents().stream().filter(e -> !configured.contains(e)).toList();
    }

    private List<Result> run(SluiceConfig config, boolean write) {
        List<Result> results = new ArrayList<>();
        for (DomainConfig domain : config.domains().values()) {
            for (EventTypeConfig event : domain.events().values()) {
                Schema generated = EventSchemas.schemaFor(domain, event);
                var latest = files.latest(domain.name(), event.name());
                if (latest.isEmpty()) {
                    results.add(new Result(domain.name(), event.name(), Outcome.FIRST_VERSION, written(write, domain, event, 1, generated)));
                } else if (latest.get().schema().toString().equals(generated.toString())) {
                    results.add(new Result(domain.name(), event.name(), Outcome.UNCHANGED, latest.get()));
                } else if (SchemaEquivalence.sameIgnoringDocs(latest.get().schema(), generated)) {
                    results.add(new Result(domain.name(), event.name(), Outcome.DOCS_ONLY, latest.get()));
                } else {
                    int next = latest.get().version() + 1;
                    results.add(new Result(domain.name(), event.name(), Outcome.NEW_VERSION, written(write, domain, event, next, generated)));
                }
            }
        }
        return results;
    }

    private VersionedSchema written(boolean write, DomainConfig domain, EventTypeConfig event, int version, Schema schema) {
        if (write) {
            return files.write(domain.name(), event.name(), version, schema);
        }
        return new VersionedSchema(domain.name(), event.name(), version, schema, files.file(domain.name(), event.name(), version));
    }
}
