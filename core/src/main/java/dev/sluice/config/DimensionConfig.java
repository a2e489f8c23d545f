package dev.sluice.config;

public record DimensionConfig(
        @Required @Doc("Dimension name (the key under dimensions); the ClickHouse column name.") String name,
        @Doc("Event field holding the dimension value; defaults to the dimension name.") String field,
        @Doc("What the dimension means, for SQL users.") String doc) {

    public String effectiveField() {
        return field == null ? name : field;
    }
}
