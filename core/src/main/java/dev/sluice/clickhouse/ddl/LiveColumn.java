package dev.sluice.clickhouse.ddl;

/** A column as {@code system.columns} describes it. */
public record LiveColumn(String name, String type, String defaultKind, String comment) {
}
