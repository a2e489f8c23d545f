package dev.sluice.clickhouse;

import java.util.List;

/**
 * Statements and small queries against ClickHouse: DDL, schema inspection, the batch ledger. Results come back as
 * TabSeparated text rows, the one result format every server version (18.16 included) serves to the official client.
 */
public interface ClickHouseQueries {

    /** Runs a statement that returns no rows (DDL, ALTER). Not retried: an ALTER must not run twice. */
    void execute(String sql);

    /** Runs a query and returns its rows, each value unescaped; NULL is returned as null. Retried on transient failures. */
    List<List<String>> select(String sql);

    default String serverVersion() {
        List<List<String>> rows = select("SELECT version()");
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new SinkException(FailureKind.BUG, "SELECT version() returned no row");
        }
        return rows.get(0).get(0);
    }

    default ServerCapabilities capabilities() {
        try {
            return ServerCapabilities.fromVersion(serverVersion());
        } catch (IllegalArgumentException e) {
            throw new SinkException(FailureKind.BAD_CONFIG, e.getMessage());
        }
    }
}
