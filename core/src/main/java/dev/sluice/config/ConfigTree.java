package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The whole configuration as one tree ({@code /platform}, {@code /domains/<name>}) assembled from several files,
 * remembering for every path the file, line and column it came from after overlays replaced parts of it.
 */
final class ConfigTree {

    final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private final Map<String, SourceLocation> keyLocations = new HashMap<>();
    private final Map<String, SourceLocation> valueLocations = new HashMap<>();
    /** Where each file's own root sits in the tree, so paths can be shown as the file's author wrote them. */
    private final Map<String, String> mountPoints = new HashMap<>();

    /** Places a whole document at {@code path} (e.g. a domain file at /domains/payments). */
    void mount(String path, YamlDocument document) {
        mountPoints.put(document.file, path);
        ObjectNode parent = root;
        String parentPath = "";
        String[] segments = path.substring(1).split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            parentPath = ConfigPaths.child(parentPath, segments[i]);
            parent = parent.has(segments[i]) ? (ObjectNode) parent.get(segments[i]) : parent.putObject(segments[i]);
            valueLocations.putIfAbsent(parentPath, new SourceLocation(document.file, 0, 0));
        }
        parent.set(segments[segments.length - 1], document.root);
        copyLocations(document, path);
    }

    /** Deep-merges an overlay over the tree: mappings merge key by key; scalars and lists replace. */
    void overlay(YamlDocument document) {
        mountPoints.put(document.file, "");
        merge(root, document.root, "", document);
    }

    private void merge(ObjectNode base, JsonNode overlay, String path, YamlDocument document) {
        if (!overlay.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String childPath = ConfigPaths.child(path, field.getKey());
            JsonNode existing = base.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                keyLocations.putIfAbsent(childPath, document.keyLocations.get(childPath));
                merge((ObjectNode) existing, field.getValue(), childPath, document);
            } else {
                forgetLocationsWithin(childPath);
                base.set(field.getKey(), field.getValue().deepCopy());
                copyLocationsWithin(document, childPath);
            }
        }
    }

    private void copyLocations(YamlDocument document, String prefix) {
        document.keyLocations.forEach((p, l) -> keyLocations.put(prefix + p, l));
        document.valueLocations.forEach((p, l) -> valueLocations.put(prefix + p, l));
    }

    private void copyLocationsWithin(YamlDocument document, String path) {
        document.keyLocations.forEach((p, l) -> {
            if (ConfigPaths.isWithin(p, path)) {
                keyLocations.put(p, l);
            }
        });
        document.valueLocations.forEach((p, l) -> {
            if (ConfigPaths.isWithin(p, path)) {
                valueLocations.put(p, l);
            }
        });
    }

    private void forgetLocationsWithin(String path) {
        keyLocations.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
        valueLocations.keySet().removeIf(p -> ConfigPaths.isWithin(p, path));
    }

    /** Where the value at {@code path} was written; for a missing key, where its enclosing mapping was. */
    SourceLocation valueLocation(String path) {
        for (String p = path; ; p = ConfigPaths.parent(p)) {
            SourceLocation location = valueLocations.get(p);
            if (location == null) {
                location = keyLocations.get(p);
            }
            if (location != null || p.isEmpty()) {
                return location != null ? location : new SourceLocation("config", 0, 0);
            }
        }
    }

    /** Where the key of {@code path} was written (falls back to the value's location). */
    SourceLocation keyLocation(String path) {
        SourceLocation location = keyLocations.get(path);
        return location != null ? location : valueLocation(path);
    }

    /** The path as the author of the file holding it would write it. */
    String display(String path, SourceLocation location) {
        return ConfigPaths.display(path, mountPoints.getOrDefault(location.file(), ""));
    }

    ConfigError error(String path, String message, String fix) {
        SourceLocation location = valueLocation(path);
        return new ConfigError(location, display(path, location), message, fix);
    }

    ConfigError keyError(String path, String message, String fix) {
        SourceLocation location = keyLocation(path);
        return new ConfigError(location, display(path, location), message, fix);
    }

    JsonNode at(String path) {
        JsonNode node = root;
        for (String segment : path.substring(1).split("/")) {
            if (node == null) {
                return null;
            }
            node = segment.startsWith("[") ? node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                    : node.get(segment.replace("~1", "/"));
        }
        return node;
    }
}
