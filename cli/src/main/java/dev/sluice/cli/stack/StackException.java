package dev.sluice.cli.stack;

/**
 * A failure the user can act on. The message is printed as is (no stack trace), so it must say what went wrong
 * and what to do about it.
 */
final class StackException extends RuntimeException {
    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
