package dev.sluice.secrets;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Secret {@code db_password} with prefix {@code SLUICE_SECRET_} is read from the variable {@code SLUICE_SECRET_DB_PASSWORD}. */
public final class EnvironmentSecretBackend implements SecretBackend {

    private final String prefix;
    private final Map<String, String> environment;

    public EnvironmentSecretBackend(String prefix, Map<String, String> environment) {
        this.prefix = prefix == null ? "" : prefix;
        this.environment = environment;
    }

    @Override
    public Optional<String> lookup(String name) {
        return Optional.ofNullable(environment.get(variable(name)));
    }

    @Override
    public String whereWouldBe(String name) {
        return "environment variable " + variable(name);
    }

    private String variable(String name) {
        return prefix + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
