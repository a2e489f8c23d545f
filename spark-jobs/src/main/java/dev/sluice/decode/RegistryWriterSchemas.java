package dev.sluice.decode;

import dev.sluice.registry.RegistryException;
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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RegistryWriterSchemas.class);

    private final SchemaRegistryClient registry;
    private final String subject;
    private final Map<Integer, SchemaVersion> byVersion = new ConcurrentHashMap<>();
    /** The last complete list, for {@link #forPlan} while the registry is unreachable. */
    private volatile List<WriterSchema> lastKnown;

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
        lastKnown = List.copyOf(writers);
        return writers;
    }

    /**
     * The registered versions, or, while the registry is unreachable, the ones it listed last time: a query restarted
     * for another reason (ClickHouse or Kafka failed) keeps decoding everything it could decode before. Without an
     * earlier answer (the job's start) the outage is thrown, and the job retries the start.
     */
    @Override
    public List<WriterSchema> forPlan() {
        try {
            return writerSchemas();
        } catch (RegistryException e) {
            List<WriterSchema> cached = lastKnown;
            if (!e.retriable() || cached == null) {
                throw e;
            }
            LOG.warn("schema registry unreachable ({}); planning subject '{}' with the {} version(s) it listed before; records of"
                    + " versions registered since wait until it answers", e.getMessage(), subject, cached.size());
            return cached;
        }
    }
}
