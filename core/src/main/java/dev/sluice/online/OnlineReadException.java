package dev.sluice.online;

/** A feature lookup could not be answered (Redis unreachable, wrong credentials...). The message has no password. */
public final class OnlineReadException extends RuntimeException {

    private final RedisFailures.Failure failure;

    OnlineReadException(String message, RedisFailures.Failure failure) {
        super(message + " [" + failure.kind().label() + "]");
        this.failure = failure;
    }

    public boolean retriable() {
        return failure.kind() == dev.sluice.clickhouse.FailureKind.RETRIABLE;
    }
}
