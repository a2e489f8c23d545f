package dev.sluice.config;

public record EntityConfig(
        @Required @Doc("Entity name (the key under entities).") String name,
        @Doc("What the entity is.") String description,
        @Doc("Prefix of generated ids, e.g. 'u_' gives u_000042. Defaults to the entity name and an underscore.") String idPrefix,
        @Default("10000") @Doc("Generator: how many distinct entities exist.") int poolSize) {

    public String effectiveIdPrefix() {
        return idPrefix == null ? name + "_" : idPrefix;
    }
}
