package dev.sluice.secrets;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Asks the configured backends in order; the first that knows a secret wins. */
public final class SecretResolver {

    private final List<SecretBackend> backends;

    public SecretResolver(List<SecretBackend> backends) {
        this.backends = List.copyOf(backends);
    }

    public Optional<String> resolve(String name) {
        for (SecretBackend backend : backends) {
            Optional<String> value = backend.lookup(name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** Where the secret was looked for, for the "missing secret" error. */
    public String searched(String name) {
        return backends.isEmpty() ? "no secret backends are configured"
                : backends.stream().map(b -> b.whereWouldBe(name)).collect(Collectors.joining(", "));
    }
}
