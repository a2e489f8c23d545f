package dev.sluice.clickhouse;

/**
 * One column of an aggregation's output, in the order the table and the Spark DataFrame have them.
 *
 * @param name      column name in ClickHouse and in the DataFrame (dimension or measure name, or a fixed name)
 * @param role      what the column is for
 * @param type      logical type
 * @param nullable  whether the value may be null (Spark may emit null, ClickHouse stores Nullable(T))
 * @param comment   text shown to SQL users as the ClickHouse column comment
 * @param lowCardinality a string column with few distinct values (enum symbols, countries...), stored as
 *                  LowCardinality(String) where the server supports it; false for ids of entities (users, cards),
 *                  which have too many distinct values for a dictionary to pay off
 */
public record OutputColumn(String name, ColumnRole role, LogicalType type, boolean nullable, String comment, boolean lowCardinality) {

    /** True for the columns the writer must put into every insert body. */
    public boolean inInsertBody() {
        return role != ColumnRole.SERVER_FILLED;
    }
}
