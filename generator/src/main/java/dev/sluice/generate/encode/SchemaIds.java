package dev.sluice.generate.encode;

/** The registry id of each writer schema version, as the messages' Confluent header must carry it. */
@FunctionalInterface
public interface SchemaIds {

    int idOf(WriterSchemas.Version version);

    /**
     * Ids without a registry, for benchmarks and tests: numbered in order of event type and version, from 1.
     * Encoding costs the same as with real ids.
     */
    static SchemaIds local(WriterSchemas schemas) {
        java.util.Map<WriterSchemas.Version, Integer> ids = new java.util.IdentityHashMap<>();
        schemas.all().values().forEach(versions -> versions.forEach(v -> ids.put(v, ids.size() + 1)));
        return version -> {
            Integer id = ids.get(version);
            if (id == null) {
                throw new IllegalArgumentException("bug: version " + version.schema().label() + " is not one of these schemas");
            }
            return id;
        };
    }
}
