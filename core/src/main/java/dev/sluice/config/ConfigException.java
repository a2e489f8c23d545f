package dev.sluice.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found while loading the configuration, reported together rather than one per run. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        String noun = errors.size() == 1 ? "error" : "errors";
        return errors.size() + " configuration " + noun + ":\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n"));
    }
}
