package dev.sluice.config;

import java.time.Duration;

/** Exponential backoff for retriable failures. */
public record RetryConfig(
        @Default("8") @Doc("Attempts before a retriable failure becomes permanent.") int maxAttempts,
        @Default("500ms") @Doc("Wait before the first retry.") Duration initialBackoff,
        @Default("30s") @Doc("Upper bound of the wait between retries.") Duration maxBackoff) {
}
