package dev.sluice.clickhouse.ddl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Live schemas as ClickHouse would report them after creating the given tables on a single server. */
final class LiveFixtures {

    private LiveFixtures() {
    }

    static LiveSchema created(List<TableSpec> tables) {
        Map<String, LiveTable> live = new HashMap<>();
        for (TableSpec t : tables) {
            List<LiveColumn> columns = t.columns().stream()
                    .map(c -> new LiveColumn(c.name(), c.type(), c.defaultExpression() == null ? "" : "DEFAULT", c.comment())).toList();
            live.put(t.name(), new LiveTable(t.name(), "ReplacingMergeTree", String.join(", ", t.orderBy()),
                    t.partitionBy() == null ? "" : t.partitionBy(), columns));
            live.put(t.viewName(), new LiveTable(t.viewName(), "View", "", "",
                    t.viewColumns().stream().map(n -> new LiveColumn(n, "?", "", "")).toList()));
        }
        return new LiveSchema(true, live);
    }
}
