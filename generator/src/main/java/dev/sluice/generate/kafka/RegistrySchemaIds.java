package dev.sluice.generate.kafka;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.RegistryConfig;
import dev.sluice.generate.MalformedRecordFactory;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SchemaVersion;
import dev.sluice.registry.SubjectNames;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaRegistration;
import dev.sluice.schema.VersionedSchema;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry ids of the writer schemas. With {@code register}, versions missing from the registry are registered
 * oldest first under the event's subject (the same way {@code bin/sluice schemas register} does, idempotently);
 * without it a missing version is a bad-config error naming the command that registers it.
 */
public final class RegistrySchemaIds implements SchemaIds {

    /** What happened to one version, for the command to report. */
    public record Resolved(String subject, int version, int id, boolean newlyRegistered) {
    }

    private final Map<WriterSchemas.Version, Integer> ids = new IdentityHashMap<>();
    private final List<Resolved> resolved = new ArrayList<>();

    public RegistrySchemaIds(SchemaRegistryClient registry, RegistryConfig config, DomainConfig domain, WriterSchemas schemas,
                             boolean register) {
        List<String> missing = new ArrayList<>();
        schemas.all().forEach((eventName, versions) -> {
            EventTypeConfig event = domain.event(eventName);
            String subject = SubjectNames.valueSubject(config.subjectNameStrategy(), event.topic(),
                    versions.get(versions.size() - 1).schema().schema());
            CompatibilityMode mode = event.compatibility() != null ? event.compatibility() : config.defaultCompatibility();
            if (register) {
                List<VersionedSchema> all = versions.stream().map(WriterSchemas.Version::schema).toList();
                var registered = new SchemaRegistration(registry).register(new EventSchemaPlan(domain, event, subject, mode, all));
                for (int i = 0; i < versions.size(); i++) {
                    SchemaRegistration.Registered r = registered.get(i);
                    ids.put(versions.get(i), r.id());
                    resolved.add(new Resolved(subject, r.version().version(), r.id(), r.newlyRegistered()));
                }
            } else {
                for (WriterSchemas.Version version : versions) {
                    Optional<SchemaVersion> found = registry.lookup(subject, version.schema().schema());
                    if (found.isEmpty()) {
                        missing.add(subject + " " + version.schema().label());
                    } else {
                        ids.put(version, found.get().id());
                        resolved.add(new Resolved(subject, version.number(), found.get().id(), false));
                    }
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("bad config: schemas not registered: " + missing
                    + "; run 'bin/sluice schemas register --domain " + domain.name() + "' (or drop --no-register-schemas)");
        }
    }

    @Override
    public int idOf(WriterSchemas.Version version) {
        Integer id = ids.get(version);
        if (id == null) {
            throw new IllegalArgumentException("bug: no registry id for " + version.schema().label());
        }
        return id;
    }

    public List<Resolved> resolved() {
        return resolved;
    }

    /** An id the registry does not know, for UNKNOWN_SCHEMA_ID records: the default one unless it happens to exist. */
    public static int unknownId(SchemaRegistryClient registry) {
        int id = MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID;
        for (int attempt = 0; attempt < 100; attempt++, id--) {
            if (registry.schemaById(id).isEmpty()) {
                return id;
            }
        }
        throw new IllegalStateException("bug: the registry knows 100 ids just below Integer.MAX_VALUE");
    }
}
