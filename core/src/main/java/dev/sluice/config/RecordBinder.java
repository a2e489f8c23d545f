package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns config tree nodes into the typed config records, collecting every problem (unknown key with the nearest
 * valid one, wrong type, bad duration, unknown enum value, missing required key) instead of stopping at the first.
 * Keys are the record component names; {@link Default} supplies absent values; a record held in a map gets the map
 * key as its {@code name}.
 */
final class RecordBinder {

    private final ConfigTree tree;
    private final List<ConfigError> errors;
    private final boolean requiredKeysReported;

    RecordBinder(ConfigTree tree, List<ConfigError> errors) {
        this(tree, errors, true);
    }

    private RecordBinder(ConfigTree tree, List<ConfigError> errors, boolean requiredKeysReported) {
        this.tree = tree;
        this.errors = errors;
        this.requiredKeysReported = requiredKeysReported;
    }

    /**
     * A binder for {@link ConfigDefaults}: an empty mapping bound by it is a record of defaults, in which keys that
     * have none ({@link Required}) stay unset instead of being errors.
     */
    static RecordBinder forDefaults(List<ConfigError> errors) {
        return new RecordBinder(new ConfigTree(), errors, false);
    }

    <T> T bind(JsonNode node, Class<T> type, String path) {
        return type.cast(bindRecord(node, type, path, null));
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path, String impliedName) {
        if (!node.isObject()) {
            errors.add(tree.error(path, "expected a mapping of " + keysOf(type) + ", got " + describe(node), null));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        List<String> names = Arrays.stream(components).map(RecordComponent::getName).toList();
        node.fieldNames().forEachRemaining(key -> {
            if (!names.contains(key)) {
                errors.add(tree.keyError(ConfigPaths.child(path, key), "unknown key '" + key + "'",
                        Suggestions.fixFor(key, names, "valid keys")));
            }
        });
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String childPath = ConfigPaths.child(path, component.getName());
            JsonNode child = node.get(component.getName());
            if (child == null && "name".equals(component.getName()) && impliedName != null) {
                child = TextNode.valueOf(impliedName);
            }
            values[i] = child == null || child.isNull()
                    ? absent(component, path, childPath)
                    : bindValue(child, component.getGenericType(), childPath);
            if ("name".equals(component.getName()) && impliedName != null && values[i] != null && !impliedName.equals(values[i])) {
                errors.add(tree.error(childPath, "name '" + values[i] + "' differs from its key '" + impliedName + "'",
                        "remove the name, or make it equal to the key"));
            }
        }
        return construct(type, components, values);
    }

    private Object absent(RecordComponent component, String parentPath, String path) {
        Default declared = component.getAnnotation(Default.class);
        if (declared != null) {
            return bindValue(TextNode.valueOf(declared.value()), component.getGenericType(), path);
        }
        if (component.isAnnotationPresent(Required.class)) {
            if (!requiredKeysReported) {
                return primitiveZero(component.getType());
            }
            errors.add(tree.error(parentPath, "missing required key '" + component.getName() + "'",
                    "add " + component.getName() + ": <" + describeDoc(component) + ">"));
            return primitiveZero(component.getType());
        }
        Class<?> raw = component.getType();
        if (raw == List.class) {
            return List.of();
        }
        if (raw == Map.class) {
            return Map.of();
        }
        if (raw.isRecord() && Arrays.stream(raw.getRecordComponents()).noneMatch(c -> c.isAnnotationPresent(Required.class))) {
            // An omitted section of optional settings means "all defaults", not null.
            return bindRecord(JsonNodeFactory.instance.objectNode(), raw, path, null);
        }
        if (raw.isPrimitive()) {
            throw new IllegalStateException("bug: primitive config key " + path + " needs @Default or @Required");
        }
        return null;
    }

    private Object bindValue(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return bindList(node, arguments[0], path);
            }
            if (raw == Map.class) {
                return bindMap(node, arguments[1], path);
            }
            throw new IllegalStateException("bug: unsupported config type " + type);
        }
        Class<?> target = (Class<?>) type;
        if (target.isRecord()) {
            return bindRecord(node, target, path, null);
        }
        if (!node.isValueNode()) {
            errors.add(tree.error(path, "expected " + describeType(target) + ", got " + describe(node), null));
            return primitiveZero(target);
        }
        return bindScalar(node, target, path);
    }

    private List<Object> bindList(JsonNode node, Type elementType, String path) {
        if (!node.isArray()) {
            errors.add(tree.error(path, "expected a list, got " + describe(node), "write it as [a, b] or as lines starting with '- '"));
            return List.of();
        }
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            list.add(bindValue(node.get(i), elementType, ConfigPaths.element(path, i)));
        }
        return Collections.unmodifiableList(list);
    }

    private Map<String, Object> bindMap(JsonNode node, Type valueType, String path) {
        if (!node.isObject()) {
            errors.add(tree.error(path, "expected a mapping, got " + describe(node), null));
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            String childPath = ConfigPaths.child(path, entry.getKey());
            JsonNode value = entry.getValue();
            if (valueType instanceof Class<?> c && c.isRecord()) {
                if (value.isNull()) {
                    value = JsonNodeFactory.instance.objectNode();
                }
                map.put(entry.getKey(), bindRecord(value, c, childPath, entry.getKey()));
            } else {
                map.put(entry.getKey(), bindValue(value, valueType, childPath));
            }
        });
        return Collections.unmodifiableMap(map);
    }

    private Object bindScalar(JsonNode node, Class<?> target, String path) {
        String text = node.asText();
        try {
            if (target == String.class) {
                return text;
            }
            if (target == int.class || target == Integer.class) {
                return Math.toIntExact(wholeNumber(node, text));
            }
            if (target == long.class || target == Long.class) {
                return wholeNumber(node, text);
            }
            if (target == double.class || target == Double.class) {
                return node.isNumber() ? node.asDouble() : Double.parseDouble(text.trim());
            }
            if (target == boolean.class || target == Boolean.class) {
                if (node.isBoolean()) {
                    return node.asBoolean();
                }
                if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                    return Boolean.parseBoolean(text);
                }
                errors.add(tree.error(path, "expected true or false, got '" + text + "'", null));
                return false;
            }
            if (target == Duration.class) {
                if (node.isNumber()) {
                    errors.add(tree.error(path, "duration " + text + " has no unit", "write e.g. " + text + "s or " + text + "m"));
                    return Duration.ZERO;
                }
                return Durations.parse(text);
            }
            if (target.isEnum()) {
                return enumValue(target, text, path);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            errors.add(tree.error(path, "expected " + describeType(target) + ", got '" + text + "'", null));
            return primitiveZero(target);
        } catch (IllegalArgumentException e) {
            errors.add(tree.error(path, e.getMessage(), "use " + Durations.ACCEPTED_FORMS));
            return Duration.ZERO;
        }
        throw new IllegalStateException("bug: unsupported config type " + target);
    }

    private static long wholeNumber(JsonNode node, String text) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return Long.parseLong(text.trim().replace("_", ""));
    }

    private Object enumValue(Class<?> type, String text, String path) {
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(wanted)) {
                return constant;
            }
        }
        List<String> accepted = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        errors.add(tree.error(path, "unknown value '" + text + "'", Suggestions.fixFor(text, accepted, "accepted values")));
        return null;
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] values) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null && parameterTypes[i].isPrimitive()) {
                values[i] = primitiveZero(parameterTypes[i]);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("bug: config record " + type.getSimpleName() + " rejected its values", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bug: cannot construct config record " + type.getSimpleName(), e);
        }
    }

    private static Object primitiveZero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }

    private static String keysOf(Class<?> type) {
        return String.join(", ", Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    private static String describeDoc(RecordComponent component) {
        Doc doc = component.getAnnotation(Doc.class);
        return doc != null ? doc.value() : describeType(component.getType());
    }

    private static String describeType(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).toList();
        }
        return type == String.class ? "a string" : "a " + type.getSimpleName();
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
    }
}
