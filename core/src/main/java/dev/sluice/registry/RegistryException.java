package dev.sluice.registry;

/**
 * A schema registry call failed. {@link #kind()} tells the caller what to do about it; {@link #errorCode()} is the
 * registry's {@code error_code} (e.g. 40401) or the HTTP status when the body had none, 0 for connection failures.
 * Messages never contain credentials.
 */
public final class RegistryException extends RuntimeException {

    public enum Kind {
        /** Registry unreachable, timed out or failing (5xx): retry with backoff. */
        RETRIABLE,
        /** Wrong URL, credentials or permissions: fix the registry section of the config. */
        BAD_CONFIG,
        /** The registry rejected a schema (incompatible, invalid): fix the schema or the compatibility mode. */
        BAD_DATA,
        /** The subject, version or schema id does not exist (a normal answer for lookups). */
        NOT_FOUND,
        /** The registry answered something this client does not understand: a bug here or in the registry. */
        BUG
    }

    private final Kind kind;
    private final int httpStatus;
    private final int errorCode;

    public RegistryException(Kind kind, int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind == Kind.RETRIABLE;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
