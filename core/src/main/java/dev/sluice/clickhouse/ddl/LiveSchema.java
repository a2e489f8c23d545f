package dev.sluice.clickhouse.ddl;

import java.util.Map;
import java.util.Optional;

/** What exists in the Sluice database right now. */
public record LiveSchema(boolean databaseExists, Map<String, LiveTable> tables) {

    public LiveSchema {
        tables = Map.copyOf(tables);
    }

    public static LiveSchema empty() {
        return new LiveSchema(false, Map.of());
    }

    public Optional<LiveTable> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }
}
