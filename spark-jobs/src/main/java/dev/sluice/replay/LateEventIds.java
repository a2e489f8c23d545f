package dev.sluice.replay;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.SluiceTables;

import java.util.List;
import java.util.Objects;

/**
 * The events the streaming job set aside as late for one aggregation (the late-events table). Replay leaves them out
 * by default so that its results are the streaming job's results, recomputed; {@code --include-late} folds them in.
 */
public final class LateEventIds {

    private final ClickHouseQueries clickhouse;
    private final String database;

    public LateEventIds(ClickHouseQueries clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
    }

    public List<String> of(String domain, String aggregation) {
        String sql = "SELECT DISTINCT event_id FROM " + Sql.qualified(database, SluiceTables.LATE_EVENTS)
                + " WHERE domain = " + Sql.literal(domain) + " AND aggregation = " + Sql.literal(aggregation);
        return clickhouse.select(sql).stream().map(row -> row.get(0)).filter(Objects::nonNull).toList();
    }
}
