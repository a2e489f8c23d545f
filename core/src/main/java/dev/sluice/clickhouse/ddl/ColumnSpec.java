package dev.sluice.clickhouse.ddl;

/**
 * One column of a table as Sluice wants it.
 *
 * @param name         column name
 * @param type         ClickHouse type, written as {@code system.columns.type} prints it
 * @param comment      comment shown to SQL users
 * @param defaultExpression expression ClickHouse fills the column from when an insert's column list leaves it out (a
 *                     DEFAULT, not MATERIALIZED: a Distributed table cannot forward inserts into MATERIALIZED columns), or
 *                     null for columns the writer sends
 */
public record ColumnSpec(String name, String type, String comment, String defaultExpression) {

    public static ColumnSpec of(String name, String type, String comment) {
        return new ColumnSpec(name, type, comment, null);
    }
}
