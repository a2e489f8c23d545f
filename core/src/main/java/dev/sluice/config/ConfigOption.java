package dev.sluice.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One key of the configuration, described by its record component alone: where it is written ({@code path}, e.g.
 * {@code events.<event>.fields[].type}), its type in YAML terms, its default and its {@link Doc}. Nothing about a key
 * is written twice: the binder reads the same component to fill the key in.
 *
 * @param namedByMapKey the key is the {@code name} of a record held in a map, which the binder takes from the map key
 */
record ConfigOption(String path, RecordComponent component, boolean namedByMapKey) {

    /** The config record that declares this key. */
    @SuppressWarnings("unchecked")
    public Class<? extends Record> owner() {
        return (Class<? extends Record>) component.getDeclaringRecord();
    }

    public String doc() {
        Doc doc = component.getAnnotation(Doc.class);
        return doc == null ? "" : doc.value();
    }

    public boolean required() {
        return component.isAnnotationPresent(Required.class);
    }

    /**
     * What the key is when the YAML leaves it out, written as YAML: its {@link Default}, or {@code []} and {@code {}}
     * for lists and maps (the binder's empty ones). Empty for a required key, a section and a key left unset.
     */
    public Optional<String> defaultValue() {
        Default declared = component.getAnnotation(Default.class);
        if (declared != null) {
            return Optional.of(declared.value());
        }
        if (required()) {
            return Optional.empty();
        }
        if (component.getType() == List.class) {
            return Optional.of("[]");
        }
        if (component.getType() == Map.class) {
            return Optional.of("{}");
        }
        return Optional.empty();
    }

    /** A mapping of optional keys: left out, it is there with each key at its default (never null). */
    public boolean section() {
        return !required() && isSection(component.getType());
    }

    /** The type as a YAML author sees it: {@code string}, {@code duration}, {@code list of mappings}, {@code tumbling | sliding | session}. */
    public String type() {
        return describe(component.getGenericType());
    }

    static boolean isSection(Class<?> type) {
        return type.isRecord() && Arrays.stream(type.getRecordComponents()).noneMatch(c -> c.isAnnotationPresent(Required.class));
    }

    private static String describe(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            return parameterized.getRawType() == List.class
                    ? "list of " + plural(arguments[0])
                    : "map of " + plural(arguments[1]);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class) {
            return "int";
        }
        if (raw == long.class || raw == Long.class) {
            return "long";
        }
        if (raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == Duration.class) {
            return "duration";
        }
        if (raw.isEnum()) {
            return Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(" | "));
        }
        if (raw.isRecord()) {
            return "mapping";
        }
        throw new IllegalStateException("bug: config type " + raw + " has no description");
    }

    private static String plural(Type element) {
        String one = describe(element);
        return one.contains(" | ") ? "(" + one + ")" : one + "s";
    }
}
