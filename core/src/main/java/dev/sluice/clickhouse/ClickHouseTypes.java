package dev.sluice.clickhouse;

/**
 * Renders logical types as ClickHouse types for one server, exactly as {@code system.columns.type} prints them, so a
 * generated type can be compared with a live one as text.
 */
public final class ClickHouseTypes {

    private final ServerCapabilities server;

    public ClickHouseTypes(ServerCapabilities server) {
        this.server = server;
    }

    public String render(OutputColumn column) {
        String base = switch (column.type()) {
            case TIMESTAMP -> timestamp();
            case STRING -> column.lowCardinality() && server.supportsLowCardinality() && !column.nullable()
                    ? "LowCardinality(String)" : "String";
            case UINT64 -> "UInt64";
            case INT64 -> "Int64";
            case FLOAT64 -> "Float64";
        };
        return column.nullable() ? "Nullable(" + base + ")" : base;
    }

    /** Instants are stored in UTC whatever the server's time zone; milliseconds where the server has DateTime64. */
    public String timestamp() {
        return server.supportsDateTime64() ? "DateTime64(3, 'UTC')" : "DateTime('UTC')";
    }

    /** The DEFAULT expression of a server-filled timestamp column. */
    public String now() {
        return server.supportsDateTime64() ? "now64(3)" : "now()";
    }
}
