package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Endpoints of the real services integration tests run against, from SLUICE_REGISTRY and SLUICE_KAFKA.
 * A missing variable FAILS the test (a skipped integration test looks like a passing one).
 * Stand-in until test-support's JUnit extension resolves endpoints for every module.
 */
public final class ItEndpoints {

    private ItEndpoints() {
    }

    /** e.g. http://127.0.0.1:18081/apis/ccompat/v7 */
    public static String registry() {
        return required("SLUICE_REGISTRY", "the schema registry's Confluent-compatible API root, e.g. http://127.0.0.1:18081/apis/ccompat/v7");
    }

    /** e.g. 127.0.0.1:19092 */
    public static String kafka() {
        return required("SLUICE_KAFKA", "Kafka bootstrap servers, e.g. 127.0.0.1:19092");
    }

    private static String required(String name, String what) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail(name + " is not set: integration tests need " + what + " (start the stack with 'bin/sluice stack up' or point it at a running service)");
        }
        return value;
    }
}
