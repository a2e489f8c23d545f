package dev.sluice.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * JUnit 5 extension for integration tests against a real Kafka, schema registry, ClickHouse and Redis.
 *
 * <pre>{@code
 * @ExtendWith(RealStack.class)
 * class MyPipelineIT {
 *     @Test
 *     void roundTrip(StackEndpoints stack, ClickHouseTestDatabase db) { ... }
 * }
 * }</pre>
 *
 * Injects {@link StackEndpoints} and a per-class {@link ClickHouseTestDatabase}. Endpoints are resolved once per test
 * run (see {@link EndpointResolver} for the order) and checked to answer; when a service cannot be found the test
 * class fails, with a message saying how to start it ({@code bin/sluice stack up}).
 */
public final class RealStack implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealStack.class);

    /** The outcome of the one resolution per test run, failures included, so every class reports the same cause. */
    private record Resolution(StackEndpoints endpoints, StackUnavailableException failure) {
        StackEndpoints get() {
            if (failure != null) {
                // A fresh exception per test class (a thrown one is not shared); the resolver's stack adds nothing.
                throw new StackUnavailableException(failure.getMessage());
            }
            return endpoints;
        }
    }

    /** Drops the class's database when JUnit closes the class's store, i.e. after the class's last test. */
    private record DatabaseHandle(ClickHouseTestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            database.drop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);  // fail the whole class up front, not each test with the same message
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StackEndpoints.class || type == ClickHouseTestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == StackEndpoints.class) {
            return endpoints(context);
        }
        if (type == ClickHouseTestDatabase.class) {
            return database(context);
        }
        throw new ParameterResolutionException("RealStack cannot supply a " + type.getName());
    }

    private static StackEndpoints endpoints(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return root.getOrComputeIfAbsent(Resolution.class, key -> resolve(root), Resolution.class).get();
    }

    private static Resolution resolve(ExtensionContext.Store root) {
        // The container fallback is created only when needed, and registered so that JUnit stops it at the end.
        EndpointResolver resolver = new EndpointResolver(System.getenv(), Path.of(""), new ServiceProbe(),
                () -> root.getOrComputeIfAbsent(TestcontainersStack.class, key -> new TestcontainersStack(), TestcontainersStack.class));
        try {
            return new Resolution(resolver.resolve(), null);
        } catch (StackUnavailableException e) {
            return new Resolution(null, e);
        }
    }

    private static ClickHouseTestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        Class<?> testClass = classContext.getRequiredTestClass();
        String clickhouseUrl = endpoints(context).clickhouseUrl();
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(DatabaseHandle.class,
                        key -> new DatabaseHandle(ClickHouseTestDatabase.create(clickhouseUrl, testClass)), DatabaseHandle.class)
                .database();
    }
}
