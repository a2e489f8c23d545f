package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Sluice database's tables, views and columns from {@code system.tables} and {@code system.columns}. */
public final class LiveSchemaReader {

    private final ClickHouseQueries queries;

    public LiveSchemaReader(ClickHouseQueries queries) {
        this.queries = queries;
    }

    public LiveSchema read(String database) {
        String db = Sql.literal(database);
        boolean exists = !queries.select("SELECT name FROM system.databases WHERE name = " + db).isEmpty();
        if (!exists) {
            return LiveSchema.empty();
        }
        Map<String, List<LiveColumn>> columns = new HashMap<>();
        // system.columns lists columns in table order
        for (List<String> row : queries.select("SELECT table, name, type, default_kind, comment FROM system.columns WHERE database = " + db)) {
            columns.computeIfAbsent(row.get(0), t -> new ArrayList<>()).add(new LiveColumn(row.get(1), row.get(2), row.get(3), row.get(4)));
        }
        Map<String, LiveTable> tables = new LinkedHashMap<>();
        for (List<String> row : queries.select("SELECT name, engine, sorting_key, partition_key FROM system.tables WHERE database = " + db)) {
            String name = row.get(0);
            tables.put(name, new LiveTable(name, row.get(1), row.get(2), row.get(3), columns.getOrDefault(name, List.of())));
        }
        return new LiveSchema(true, tables);
    }
}
