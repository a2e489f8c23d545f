package dev.sluice.topics;

/** A Kafka admin operation failed; the kind says whether to retry or to fix the config. */
public final class TopicsException extends RuntimeException {

    public enum Kind { RETRIABLE, BAD_CONFIG, BUG }

    private final Kind kind;

    public TopicsException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
