package dev.sluice.metrics;

/** The metrics endpoint could not start; the message names the setting to change. Always bad config, never retriable. */
public final class MetricsServerException extends RuntimeException {

    public MetricsServerException(String message) {
        super(message);
    }

    public MetricsServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
