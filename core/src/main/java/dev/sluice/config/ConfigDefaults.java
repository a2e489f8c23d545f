package dev.sluice.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The defaults of a config record as the loader fills them in: an empty mapping bound by the same binder. A default
 * is written once, in its {@link Default} annotation; code that needs one (a fallback for a value the user set to
 * zero or blank, a record built in code) asks here instead of typing the value again, e.g.
 * {@code ConfigDefaults.of(SparkConfig.class).master()}.
 *
 * <p>Keys marked {@link Required} have no default and stay unset (null, or zero for a number); a section whose keys
 * include a required one (e.g. {@code redis}) stays null, as it does when a config file leaves it out.
 */
public final class ConfigDefaults {

    // Config records are immutable (their lists and maps are unmodifiable), so one instance per type serves everyone.
    private static final Map<Class<?>, Record> BOUND = new ConcurrentHashMap<>();

    private ConfigDefaults() {
    }

    /** The record {@code type} with every key at its default. */
    public static <T extends Record> T of(Class<T> type) {
        return type.cast(BOUND.computeIfAbsent(type, ConfigDefaults::bindEmpty));
    }

    /**
     * The record {@code type} with {@code keys} set (values written as YAML scalars, e.g. {@code "url" -> "redis://host:6379"})
     * and every other key at its default: a config section built in code the way the loader would build it.
     *
     * @throws IllegalArgumentException when a value does not bind (the binder's message says why)
     */
    public static <T extends Record> T of(Class<T> type, Map<String, String> keys) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        keys.forEach(node::put);
        List<ConfigError> errors = new ArrayList<>();
        T bound = RecordBinder.forDefaults(errors).bind(node, type, "");
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " " + keys + ": " + errors);
        }
        return bound;
    }

    private static Record bindEmpty(Class<?> type) {
        List<ConfigError> errors = new ArrayList<>();
        Object bound = RecordBinder.forDefaults(errors).bind(JsonNodeFactory.instance.objectNode(), type, "");
        if (!errors.isEmpty()) {
            // Only a @Default that its own key's type cannot take gets here: a mistake in the record, not in a config file.
            throw new IllegalStateException("bug: the @Default values of " + type.getSimpleName() + " do not bind: " + errors);
        }
        return (Record) bound;
    }
}
