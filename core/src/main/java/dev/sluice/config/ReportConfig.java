package dev.sluice.config;

/**
 * A named query over the domain's ClickHouse views: what {@code bin/sluice demo} prints and what a SQL user would
 * run. {@code {database}} in the SQL is replaced with the configured ClickHouse database.
 */
public record ReportConfig(
        @Required @Doc("Report name (the key under reports).") String name,
        @Required @Doc("What the report shows, printed above its rows.") String description,
        @Required @Doc("ClickHouse SQL over the *_current views; write {database} for the database name.") String sql) {

    public String sqlFor(String database) {
        return sql.replace("{database}", database);
    }
}
