package dev.sluice.config;

/**
 * Paths into the config tree, written {@code /domains/payments/events/transaction/fields/[3]/type}: one segment per
 * mapping key, {@code [i]} for list elements. Keys may hold dots (Kafka and Spark property names), so dots are not separators.
 */
final class ConfigPaths {

    private ConfigPaths() {
    }

    static String child(String parent, String key) {
        return parent + "/" + key.replace("/", "~1");
    }

    static String element(String parent, int index) {
        return parent + "/[" + index + "]";
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
    }

    static boolean isWithin(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    /** {@code /events/transaction/fields/[3]/type} relative to {@code prefix} becomes {@code events.transaction.fields[3].type}. */
    static String display(String path, String prefix) {
        String relative = prefix.isEmpty() || !isWithin(path, prefix) ? path : path.substring(prefix.length());
        StringBuilder out = new StringBuilder();
        for (String segment : relative.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!segment.startsWith("[") && out.length() > 0) {
                out.append('.');
            }
            out.append(segment.replace("~1", "/"));
        }
        return out.toString();
    }
}
