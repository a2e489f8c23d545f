package dev.sluice.clickhouse.write;

import dev.sluice.clickhouse.InsertBody;

import java.util.List;

/**
 * One insert into one table.
 *
 * @param table   table name without the database (the writer knows the database)
 * @param columns the columns the body carries, in body order; server-filled columns are never listed
 * @param format  body format
 * @param body    re-openable body
 */
public record InsertRequest(String table, List<String> columns, InsertFormat format, InsertBody body) {

    public InsertRequest {
        if (table == null || table.isBlank()) {
            throw new IllegalArgumentException("insert needs a table name [bug]");
        }
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("insert into " + table + " needs its column list [bug]");
        }
        columns = List.copyOf(columns);
    }

    public static InsertRequest jsonEachRow(String table, List<String> columns, InsertBody body) {
        return new InsertRequest(table, columns, InsertFormat.JSON_EACH_ROW, body);
    }
}
