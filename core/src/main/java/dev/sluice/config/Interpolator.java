package dev.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.secrets.SecretMasker;
import dev.sluice.secrets.SecretResolver;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}}, {@code ${env:NAME:-default}}, {@code ${secret:name}} and {@code ${secret:name:-default}}
 * inside string values; {@code $${...}} stays literal. Paths that received a secret are remembered so that they
 * can be masked when the configuration is shown.
 */
final class Interpolator {

    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([a-zA-Z]+):([^}:]*)(?::-([^}]*))?}");

    private final Map<String, String> environment;
    private final SecretResolver secrets;
    private final SecretMasker masker;
    private final Set<String> secretPaths;
    private final ConfigTree tree;
    private final List<ConfigError> missingSecrets;
    private final List<ConfigError> errors;

    /** @param missingSecrets where a secret that no backend knows is reported (the errors, or a list of notes) */
    Interpolator(Map<String, String> environment, SecretResolver secrets, SecretMasker masker, Set<String> secretPaths,
                 ConfigTree tree, List<ConfigError> missingSecrets, List<ConfigError> errors) {
        this.missingSecrets = missingSecrets;
        this.environment = environment;
        this.secrets = secrets;
        this.masker = masker;
        this.secretPaths = secretPaths;
        this.tree = tree;
        this.errors = errors;
    }

    void interpolate(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = ConfigPaths.child(path, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(resolve(field.getValue().asText(), childPath)));
                } else {
                    interpolate(field.getValue(), childPath);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String childPath = ConfigPaths.element(path, i);
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(resolve(array.get(i).asText(), childPath)));
                } else {
                    interpolate(array.get(i), childPath);
                }
            }
        }
    }

    String resolve(String text, String path) {
        if (!text.contains("${")) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().startsWith("$$")) {
                replacement = m.group().substring(1);
            } else {
                replacement = lookup(m.group(1), m.group(2), m.group(3), path);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String kind, String name, String fallback, String path) {
        switch (kind) {
            case "env" -> {
                String value = environment.get(name);
                if (value != null && !value.isEmpty()) {
                    return value;
                }
                if (fallback != null) {
                    return fallback;
                }
                errors.add(tree.error(path, "environment variable " + name + " is not set",
                        "set " + name + ", or give a default: ${env:" + name + ":-value}"));
                return "";
            }
            case "secret" -> {
                var value = secrets.resolve(name);
                if (value.isPresent()) {
                    secretPaths.add(path);
                    masker.register(value.get());
                    return value.get();
                }
                if (fallback != null) {
                    return fallback;
                }
                secretPaths.add(path);
                missingSecrets.add(tree.error(path, "secret '" + name + "' was not found (looked in: " + secrets.searched(name) + ")",
                        "provide it in one of those places, or reorder secrets.backends"));
                return "";
            }
            default -> {
                errors.add(tree.error(path, "unknown reference kind '${" + kind + ":'",
                        "use ${env:NAME}, ${env:NAME:-default}, ${secret:name} or write $${ for a literal ${"));
                return "";
            }
        }
    }
}
