package dev.sluice.clickhouse;

/** What a failure means for the caller, and so what it should do about it. */
public enum FailureKind {
    /** Transient (network, overload, timeouts): try again later; the same write will succeed. */
    RETRIABLE,
    /** The rows themselves are wrong (a value ClickHouse cannot parse or store): retrying the same rows fails again. */
    BAD_DATA,
    /** The config or the environment is wrong (unknown table or column, credentials, a missing ddl apply): fix and restart. */
    BAD_CONFIG,
    /** Sluice generated something invalid (SQL syntax, an unclassified server error): report it. */
    BUG;

    public String label() {
        return switch (this) {
            case RETRIABLE -> "retriable";
            case BAD_DATA -> "bad data";
            case BAD_CONFIG -> "bad config";
            case BUG -> "bug";
        };
    }
}
