package dev.sluice.clickhouse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Runs an operation until it succeeds, fails permanently, or runs out of attempts, waiting per {@link RetryPolicy}
 * between transient failures. Every failure message goes through the {@link Redactor}.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** One attempt; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws Exception;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;
    private final Redactor redactor;

    public Retrier(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random, Redactor redactor) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.redactor = redactor;
    }

    public Retrier(RetryPolicy policy, Redactor redactor) {
        this(policy, Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(), redactor);
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * @param what what is being done, for messages (e.g. "insert into sluice.payments_x")
     * @throws SinkException when the operation fails permanently or every attempt failed transiently
     */
    public <T> T run(String what, Attempt<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.run(attempt);
            } catch (SinkException e) {
                if (!e.retriable() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                waitBeforeRetry(what, attempt, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException(FailureKind.RETRIABLE, what + " was interrupted after " + attempt + " attempt(s)", 0, attempt, null);
            } catch (Exception e) {
                FailureClassifier.Failure failure = FailureClassifier.classify(e);
                String summary = redactor.redact(failure.summary());
                if (failure.kind() != FailureKind.RETRIABLE || attempt >= policy.maxAttempts()) {
                    String tries = failure.kind() == FailureKind.RETRIABLE ? " (gave up after " + attempt + " attempts)" : "";
                    throw new SinkException(failure.kind(), what + " failed" + tries + ": " + summary + "; "
                            + FailureClassifier.advice(failure.kind(), failure.serverCode()), failure.serverCode(), attempt,
                            redactedCause(e));
                }
                waitBeforeRetry(what, attempt, summary);
            }
        }
    }

    private void waitBeforeRetry(String what, int attempt, String summary) {
        var wait = policy.backoff(attempt, random.getAsDouble());
        LOG.warn("{} failed (attempt {} of {}), retrying in {} ms: {}", what, attempt, policy.maxAttempts(), wait.toMillis(), summary);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SinkException(FailureKind.RETRIABLE, what + " was interrupted while waiting to retry: " + summary, 0, attempt, null);
        }
    }

    /**
     * The original exception is kept as the cause for its stack trace, but its message could echo a secret, so it is
     * replaced by a copy carrying the redacted message.
     */
    private Throwable redactedCause(Exception e) {
        Throwable root = FailureClassifier.unwrap(e);
        RuntimeException copy = new RuntimeException(root.getClass().getName() + ": " + redactor.redact(String.valueOf(root.getMessage())));
        copy.setStackTrace(root.getStackTrace());
        return copy;
    }
}
