package dev.sluice.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every key of a config file, found by walking its record ({@link PlatformConfig} for config/platform.yaml,
 * {@link DomainConfig} for a domain file) into the records it holds, in declaration order. A record inside a list
 * is written {@code fields[].name}; inside a map, with the map key as a placeholder, {@code events.<event>.topic}.
 */
final class ConfigOptions {

    private ConfigOptions() {
    }

    public static List<ConfigOption> of(Class<? extends Record> root) {
        List<ConfigOption> options = new ArrayList<>();
        walk(root, "", false, options);
        return List.copyOf(options);
    }

    private static void walk(Class<?> record, String prefix, boolean inMap, List<ConfigOption> options) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = prefix + component.getName();
            options.add(new ConfigOption(path, component, inMap && component.getName().equals("name")));
            Type type = component.getGenericType();
            if (type instanceof ParameterizedType parameterized) {
                Type[] arguments = parameterized.getActualTypeArguments();
                if (parameterized.getRawType() == List.class && isRecord(arguments[0])) {
                    walk((Class<?>) arguments[0], path + "[].", false, options);
                } else if (parameterized.getRawType() == Map.class && isRecord(arguments[1])) {
                    walk((Class<?>) arguments[1], path + ".<" + singular(component.getName()) + ">.", true, options);
                }
            } else if (isRecord(type)) {
                walk((Class<?>) type, path + ".", false, options);
            }
        }
    }

    private static boolean isRecord(Type type) {
        return type instanceof Class<?> c && c.isRecord();
    }

    /** The placeholder for one key of a map: entities -> entity, measures -> measure. */
    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
