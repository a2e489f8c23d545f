package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.Sql;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.ConfigDefaults;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@link TableSpec}s as ClickHouse statements for one server and layout.
 *
 * <p>Single server: {@code ReplacingMergeTree} under the table's name. Cluster ({@code clickhouse.cluster} set): every
 * statement runs {@code ON CLUSTER}; the data lives in {@code ReplicatedReplacingMergeTree} tables named
 * {@code <table>_local} on each shard, and a {@code Distributed} table under the plain name routes inserts by a hash of
 * the row identity (so all versions of a row meet on one shard, where FINAL can pick the latest) and fans reads out.
 * Views always read the plain name.
 */
public final class DdlGenerator {

    private final String database;
    private final String cluster;
    private final ServerCapabilities server;

    public DdlGenerator(String database, String cluster, ServerCapabilities server) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("clickhouse.database is empty; set it (default: "
                    + ConfigDefaults.of(ClickHouseConfig.class).database() + ") [bad config]");
        }
        this.database = database;
        this.cluster = cluster == null || cluster.isBlank() ? null : cluster;
        this.server = server;
    }

    public static DdlGenerator forConfig(ClickHouseConfig config, ServerCapabilities server) {
        return new DdlGenerator(config.database(), config.cluster(), server);
    }

    public String database() {
        return database;
    }

    public boolean clustered() {
        return cluster != null;
    }

    public ServerCapabilities server() {
        return server;
    }

    public String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + Sql.identifier(database) + onCluster();
    }

    /** CREATE TABLE statements (local then Distributed in cluster mode); all IF NOT EXISTS. */
    public List<String> createTable(TableSpec table) {
        List<String> statements = new ArrayList<>();
        String dataTable = clustered() ? table.localName() : table.name();
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified(dataTable)).append(onCluster()).append("\n(\n");
        for (int i = 0; i < table.columns().size(); i++) {
            sql.append("    ").append(columnDefinition(table.columns().get(i)));
            sql.append(i < table.columns().size() - 1 ? ",\n" : "\n");
        }
        sql.append(")\nENGINE = ").append(engine(table));
        if (table.partitionBy() != null) {
            sql.append("\nPARTITION BY ").append(table.partitionBy());
        }
        sql.append("\nORDER BY (").append(table.orderBy().stream().map(Sql::identifier).collect(Collectors.joining(", "))).append(")");
        if (table.ttl() != null) {
            sql.append("\nTTL ").append(table.ttl());
        }
        sql.append("\nSETTINGS index_granularity = 8192");
        statements.add(sql.toString());
        if (clustered()) {
            statements.add("CREATE TABLE IF NOT EXISTS " + qualified(table.name()) + onCluster() + " AS " + qualified(table.localName())
                    + "\nENGINE = Distributed(" + Sql.identifier(cluster) + ", " + Sql.identifier(database) + ", "
                    + Sql.identifier(table.localName()) + ", " + table.shardingKey() + ")");
        }
        return statements;
    }

    /** Creates the reader view if it is missing. */
    public String createView(TableSpec table) {
        return "CREATE VIEW IF NOT EXISTS " + qualified(table.viewName()) + onCluster() + " AS\n" + viewSelect(table);
    }

    /**
     * Replaces the reader view after its table changed. A view holds no data, so replacing it loses nothing; servers
     * without CREATE OR REPLACE VIEW drop and create it, leaving a moment in which readers get "table doesn't exist".
     */
    public List<String> replaceView(TableSpec table) {
        if (server.supportsCreateOrReplaceView()) {
            return List.of("CREATE OR REPLACE VIEW " + qualified(table.viewName()) + onCluster() + " AS\n" + viewSelect(table));
        }
        return List.of("DROP TABLE IF EXISTS " + qualified(table.viewName()) + onCluster(),
                "CREATE VIEW " + qualified(table.viewName()) + onCluster() + " AS\n" + viewSelect(table));
    }

    /**
     * FINAL merges, at read time, the rows that background merges have not replaced yet, so the view returns exactly
     * one row per identity (the one with the highest version) whatever state the parts are in. Both 18.16 and current
     * releases support FINAL on ReplacingMergeTree, and a Distributed table passes it to every shard.
     */
    String viewSelect(TableSpec table) {
        return "SELECT " + table.viewColumns().stream().map(Sql::identifier).collect(Collectors.joining(", "))
                + "\nFROM " + qualified(table.name()) + " FINAL";
    }

    /**
     * Adds one column (to the local tables and the Distributed table in cluster mode). The comment is set by a
     * separate COMMENT COLUMN: 18.16 accepts a COMMENT inside ADD COLUMN but silently drops it.
     */
    public List<String> addColumn(TableSpec table, ColumnSpec column, String after) {
        ColumnSpec withoutComment = new ColumnSpec(column.name(), column.type(), null, column.defaultExpression());
        String clause = " ADD COLUMN " + columnDefinition(withoutComment) + (after == null ? "" : " AFTER " + Sql.identifier(after));
        List<String> statements = new ArrayList<>();
        if (clustered()) {
            statements.add("ALTER TABLE " + qualified(table.localName()) + onCluster() + clause);
            statements.add("ALTER TABLE " + qualified(table.name()) + onCluster() + clause);
        } else {
            statements.add("ALTER TABLE " + qualified(table.name()) + clause);
        }
        if (column.comment() != null && !column.comment().isEmpty()) {
            statements.addAll(commentColumn(table, column));
        }
        return statements;
    }

    /** Updates a column comment (documentation changed in the config). */
    public List<String> commentColumn(TableSpec table, ColumnSpec column) {
        String clause = " COMMENT COLUMN " + Sql.identifier(column.name()) + " " + Sql.literal(column.comment());
        if (clustered()) {
            return List.of("ALTER TABLE " + qualified(table.localName()) + onCluster() + clause,
                    "ALTER TABLE " + qualified(table.name()) + onCluster() + clause);
        }
        return List.of("ALTER TABLE " + qualified(table.name()) + clause);
    }

    /** Every statement that creates the table and its view from nothing, in order. */
    public List<String> createAll(TableSpec table) {
        List<String> statements = new ArrayList<>(createTable(table));
        statements.add(createView(table));
        return statements;
    }

    String engine(TableSpec table) {
        String version = table.versionColumn() == null ? "" : Sql.identifier(table.versionColumn());
        if (clustered()) {
            return "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/" + database + "/" + table.name() + "', '{replica}'"
                    + (version.isEmpty() ? "" : ", " + version) + ")";
        }
        return "ReplacingMergeTree(" + version + ")";
    }

    String columnDefinition(ColumnSpec column) {
        StringBuilder sb = new StringBuilder(Sql.identifier(column.name())).append(' ').append(column.type());
        if (column.defaultExpression() != null) {
            sb.append(" DEFAULT ").append(column.defaultExpression());
        }
        if (column.comment() != null && !column.comment().isEmpty()) {
            sb.append(" COMMENT ").append(Sql.literal(column.comment()));
        }
        return sb.toString();
    }

    private String qualified(String table) {
        return Sql.qualified(database, table);
    }

    private String onCluster() {
        return cluster == null ? "" : " ON CLUSTER " + Sql.identifier(cluster);
    }
}
