package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.Sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the tables the config asks for with what the database holds and decides what {@code ddl apply} does.
 *
 * <p>Allowed in place: creating what is missing, adding a column that is not part of the key (a new measure, a new
 * bookkeeping column), updating column comments, and replacing views. Refused: anything that would need ClickHouse to
 * rewrite or drop stored rows — a changed key (a dimension added to or removed from the group-by, a renamed
 * dimension, a session window turned into a tumbling one), a changed partitioning, a changed column type, a changed
 * window, a table with a foreign engine. Columns no longer in the config are kept and reported.
 */
public final class MigrationPlanner {

    private final DdlGenerator generator;

    public MigrationPlanner(DdlGenerator generator) {
        this.generator = generator;
    }

    public MigrationPlan plan(List<TableSpec> tables, LiveSchema live) {
        List<PlannedStep> steps = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!live.databaseExists()) {
            steps.add(new PlannedStep("create database " + Sql.identifier(generator.database()), List.of(generator.createDatabase())));
        }
        for (TableSpec table : tables) {
            planTable(table, live, steps, refusals, notes);
        }
        String target = "database " + generator.database() + (generator.clustered() ? " (cluster)" : " (single server)");
        return new MigrationPlan(generator.server(), target, steps, refusals, notes);
    }

    private void planTable(TableSpec table, LiveSchema live, List<PlannedStep> steps, List<Refusal> refusals, List<String> notes) {
        String qualified = Sql.qualified(generator.database(), table.name());
        String dataName = generator.clustered() ? table.localName() : table.name();
        LiveTable data = live.table(dataName).orElse(null);
        if (data == null) {
            steps.add(new PlannedStep("create table " + qualified + " (" + describe(table) + ")", generator.createTable(table)));
            steps.add(viewStep(table, live.table(table.viewName()).isPresent()));
            return;
        }
        int refusalsBefore = refusals.size();
        String expectedEngine = generator.clustered() ? "ReplicatedReplacingMergeTree" : "ReplacingMergeTree";
        if (!expectedEngine.equals(data.engine())) {
            refusals.add(new Refusal(qualified, null, "the table exists with engine " + data.engine() + ", but Sluice writes to "
                    + expectedEngine + " tables (idempotent re-writes depend on it).",
                    "Rename the existing table out of the way or point the aggregation at another table (table: in its config), then apply again."));
            return;
        }
        checkKey(table, qualified, data, refusals);
        String livePartition = normalize(data.partitionKey());
        String wantedPartition = normalize(table.partitionBy() == null ? "" : table.partitionBy());
        if (!livePartition.equals(wantedPartition)) {
            refusals.add(new Refusal(qualified, null, "partitioning changed from " + show(data.partitionKey()) + " (live) to "
                    + show(table.partitionBy()) + " (config).",
                    "ClickHouse cannot re-partition a table in place; create the table under a new name and apply again."));
        }
        List<PlannedStep> tableSteps = new ArrayList<>();
        String previous = null;
        for (ColumnSpec column : table.columns()) {
            LiveColumn liveColumn = data.column(column.name()).orElse(null);
            if (liveColumn == null) {
                if (!table.orderBy().contains(column.name())) {
                    tableSteps.add(new PlannedStep("add column " + column.name() + " " + column.type() + " to " + qualified,
                            generator.addColumn(table, column, previous)));
                }
            } else {
                checkColumn(table, qualified, column, liveColumn, refusals, tableSteps);
            }
            previous = column.name();
        }
        for (String extra : data.columnNames()) {
            if (table.column(extra).isEmpty()) {
                notes.add(qualified + ": column " + extra + " is no longer in the config; it is kept with its data (Sluice never drops data)"
                        + " and new rows get its default value. Drop it yourself if it is no longer needed.");
            }
        }
        if (generator.clustered()) {
            planDistributed(table, qualified, live, data, tableSteps);
        }
        if (refusals.size() > refusalsBefore) {
            return;
        }
        steps.addAll(tableSteps);
        LiveTable view = live.table(table.viewName()).orElse(null);
        boolean columnsChanged = tableSteps.stream().anyMatch(s -> s.description().startsWith("add column"));
        if (view == null || columnsChanged || !view.columnNames().equals(table.viewColumns())) {
            steps.add(viewStep(table, view != null));
        }
    }

    private void planDistributed(TableSpec table, String qualified, LiveSchema live, LiveTable local, List<PlannedStep> tableSteps) {
        LiveTable distributed = live.table(table.name()).orElse(null);
        List<String> create = generator.createTable(table);
        if (distributed == null) {
            tableSteps.add(new PlannedStep("create distributed table " + qualified, List.of(create.get(create.size() - 1))));
            return;
        }
        String previous = null;
        for (ColumnSpec column : table.columns()) {
            if (local.column(column.name()).isPresent() && distributed.column(column.name()).isEmpty()) {
                List<String> add = generator.addColumn(table, column, previous);
                // statements: local ADD, distributed ADD, then the comments; the local table already has the column
                List<String> statements = new ArrayList<>();
                statements.add(add.get(1));
                if (add.size() > 3) {
                    statements.add(add.get(3));
                }
                tableSteps.add(new PlannedStep("add column " + column.name() + " to distributed table " + qualified, statements));
            }
            previous = column.name();
        }
    }

    private void checkKey(TableSpec table, String qualified, LiveTable data, List<Refusal> refusals) {
        List<String> liveKey = parseKey(data.sortingKey());
        if (liveKey.equals(table.orderBy())) {
            return;
        }
        Set<String> added = new LinkedHashSet<>(table.orderBy());
        added.removeAll(liveKey);
        Set<String> removed = new LinkedHashSet<>(liveKey);
        removed.removeAll(table.orderBy());
        List<String> changedColumns = new ArrayList<>(added);
        changedColumns.addAll(removed);
        String diff = (added.isEmpty() ? "" : "added: " + String.join(", ", added))
                + (!added.isEmpty() && !removed.isEmpty() ? "; " : "")
                + (removed.isEmpty() ? "" : "removed: " + String.join(", ", removed))
                + (added.isEmpty() && removed.isEmpty() ? "same columns in another order" : "");
        String what;
        if (table.kind() == TableKind.AGGREGATE && changedColumns.equals(List.of(AggregationColumns.WINDOW_END))) {
            what = "window type changed between session and tumbling/sliding";
        } else if (table.kind() == TableKind.AGGREGATE) {
            what = "group-by changed";
        } else {
            what = "key changed";
        }
        refusals.add(new Refusal(qualified, changedColumns.isEmpty() ? null : String.join(", ", changedColumns),
                what + ": the table is keyed by (" + String.join(", ", liveKey) + ") but the config needs ("
                        + String.join(", ", table.orderBy()) + ") (" + diff + ").",
                "ClickHouse cannot change a table's key in place; give the changed aggregation a new name or a new table (e.g. table: "
                        + table.name() + "_v2) and apply again."));
    }

    private void checkColumn(TableSpec table, String qualified, ColumnSpec column, LiveColumn live,
                             List<Refusal> refusals, List<PlannedStep> tableSteps) {
        if (!typesEquivalent(live.type(), column.type())) {
            refusals.add(new Refusal(qualified, column.name(), "type changed from " + live.type() + " (live) to " + column.type() + " (config).",
                    "Sluice does not convert stored values; give the measure a new name (it becomes a new column) or the aggregation a new table, and apply again."));
            return;
        }
        String liveKind = live.defaultKind() == null ? "" : live.defaultKind();
        String wantedKind = column.defaultExpression() == null ? "" : "DEFAULT";
        if (!liveKind.equals(wantedKind)) {
            refusals.add(new Refusal(qualified, column.name(), "is " + (liveKind.isEmpty() ? "a plain column" : liveKind)
                    + " in the live table but " + (wantedKind.isEmpty() ? "a plain column written by Sluice" : "DEFAULT (filled by ClickHouse)")
                    + " in the config.",
                    "Rename the live column out of the way, or create the table under a new name, and apply again."));
            return;
        }
        if (!Objects.equals(nullToEmpty(live.comment()), nullToEmpty(column.comment()))) {
            boolean windowColumn = table.kind() == TableKind.AGGREGATE
                    && (column.name().equals(AggregationColumns.WINDOW_START) || column.name().equals(AggregationColumns.WINDOW_END));
            if (windowColumn) {
                refusals.add(new Refusal(qualified, column.name(), "window changed: the table holds '" + live.comment()
                        + "' but the config now says '" + column.comment() + "'.",
                        "Rows of different windows cannot share a table; give the changed aggregation a new name or a new table (e.g. table: "
                                + table.name() + "_v2) and apply again."));
                return;
            }
            tableSteps.add(new PlannedStep("update the comment of " + qualified + "." + column.name(), generator.commentColumn(table, column)));
        }
    }

    private PlannedStep viewStep(TableSpec table, boolean exists) {
        String qualifiedView = Sql.qualified(generator.database(), table.viewName());
        return exists
                ? new PlannedStep("replace view " + qualifiedView + " (columns changed)", generator.replaceView(table))
                : new PlannedStep("create view " + qualifiedView, List.of(generator.createView(table)));
    }

    /**
     * Types equal up to what the server version decides: a table created on an older server keeps DateTime where a
     * newer server would create DateTime64(3), and String where it would create LowCardinality(String). Upgrading
     * ClickHouse must not make apply refuse a table that still holds exactly the right values.
     */
    static boolean typesEquivalent(String live, String wanted) {
        return canonicalType(live).equals(canonicalType(wanted));
    }

    private static String canonicalType(String type) {
        String t = type.replace(" ", "").replace("\\'", "'");
        t = t.replaceAll("LowCardinality\\((.*)\\)", "$1");
        t = t.replace("DateTime64(3,'UTC')", "DateTime('UTC')");
        return t;
    }

    static List<String> parseKey(String sortingKey) {
        if (sortingKey == null || sortingKey.isBlank()) {
            return List.of();
        }
        String key = sortingKey.strip();
        if (key.startsWith("(") && key.endsWith(")")) {
            key = key.substring(1, key.length() - 1);
        }
        return Arrays.stream(key.split(",")).map(String::strip).map(s -> s.replace("`", "")).filter(s -> !s.isEmpty()).toList();
    }

    private static String normalize(String expression) {
        return expression == null ? "" : expression.replace(" ", "").replace("`", "");
    }

    private static String show(String expression) {
        return expression == null || expression.isBlank() ? "none" : expression;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String describe(TableSpec table) {
        return switch (table.kind()) {
            case AGGREGATE -> "aggregate";
            case DEAD_LETTERS -> "dead letters";
            case LATE_EVENTS -> "late events";
            case COMMITTED_BATCHES -> "batch ledger";
        };
    }
}
