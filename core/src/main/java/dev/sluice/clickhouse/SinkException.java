package dev.sluice.clickhouse;

/**
 * A ClickHouse operation failed. {@link #kind()} says whether retrying can help; the message names the operation,
 * the server's error and what to do, and never contains a password.
 */
public class SinkException extends RuntimeException {

    private final FailureKind kind;
    private final int serverCode;
    private final int attempts;

    public SinkException(FailureKind kind, String message, int serverCode, int attempts, Throwable cause) {
        super(message + " [" + kind.label() + "]", cause);
        this.kind = kind;
        this.serverCode = serverCode;
        this.attempts = attempts;
    }

    public SinkException(FailureKind kind, String message) {
        this(kind, message, 0, 1, null);
    }

    public FailureKind kind() {
        return kind;
    }

    /** ClickHouse's error code (e.g. 60 for an unknown table), or 0 when the server sent none. */
    public int serverCode() {
        return serverCode;
    }

    /** How many attempts were made before giving up. */
    public int attempts() {
        return attempts;
    }

    public boolean retriable() {
        return kind == FailureKind.RETRIABLE;
    }
}
