package dev.sluice.testsupport;

/**
 * Thrown when an integration test cannot get a real service. It is deliberately not an assumption failure: a
 * missing stack must fail the build, never quietly skip the tests that prove the pipeline works.
 */
public final class StackUnavailableException extends RuntimeException {
    StackUnavailableException(String message) {
        super(message);
    }
}
