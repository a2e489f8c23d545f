package dev.sluice.spark;

import dev.sluice.decode.WriterSchema;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SchemaVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every registered version of one subject, from a Confluent-compatible registry. Versions never change once
 * registered, so each is fetched once; the version list is asked again on every call (that is how new ones show up).
 * Registry failures propagate as {@code RegistryException} (retriable ones fail the query, which the job's restart
 * policy or the operator retries) so a short outage never dead-letters good records.
 */
public final class RegistryWriterSchemas implements WriterSchemaSource {

    private final SchemaRegistryClient registry;
    private final String subject;
    private final Map<Integer, SchemaVersion> byVersion = new ConcurrentHashMap<>();

    public RegistryWriterSchemas(SchemaRegistryClient registry, String subject) {
        this.registry = registry;
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }

    @Override
    public List<WriterSchema> writerSchemas() {
        List<WriterSchema> writers = new ArrayList<>();
        for (int version : registry.versions(subject)) {
            SchemaVersion registered = byVersion.computeIfAbsent(version, v -> registry.getVersion(subject, v));
            writers.add(new WriterSchema(registered.id(), registered.version(), registered.schema()));
        }
        if (writers.isEmpty()) {
            throw new IllegalStateException("bad config: subject '" + subject + "' has no registered schema; run bin/sluice schemas register"
                    + " before starting the job (the job decodes with the registered writer schemas)");
        }
        return writers;
    }
}
