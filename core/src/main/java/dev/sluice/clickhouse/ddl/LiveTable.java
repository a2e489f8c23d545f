package dev.sluice.clickhouse.ddl;

import java.util.List;
import java.util.Optional;

/** A table or view as {@code system.tables} and {@code system.columns} describe it. */
public record LiveTable(String name, String engine, String sortingKey, String partitionKey, List<LiveColumn> columns) {

    public LiveTable {
        columns = List.copyOf(columns);
    }

    public Optional<LiveColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
        return columns.stream().map(LiveColumn::name).toList();
    }

    public boolean isView() {
        return "View".equals(engine);
    }
}
