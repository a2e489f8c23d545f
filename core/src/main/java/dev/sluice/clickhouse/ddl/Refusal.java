package dev.sluice.clickhouse.ddl;

/**
 * A config change {@code ddl apply} will not make because it cannot be done in place without rewriting or dropping
 * data. Always a bad-config problem: the fix is in the config.
 *
 * @param table  qualified table name
 * @param column the column concerned, or null for the table as a whole
 * @param change what changed, live versus config
 * @param remedy what to do instead
 */
public record Refusal(String table, String column, String change, String remedy) {

    public String message() {
        return table + (column == null ? "" : ", column " + column) + ": " + change + " " + remedy
                + " Sluice never drops data: the existing table stays as it is until you drop it yourself. [bad config]";
    }
}
