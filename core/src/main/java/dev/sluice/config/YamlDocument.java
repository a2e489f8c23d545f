package dev.sluice.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed YAML file that remembers where every key and value was written, so that errors found long after
 * parsing (during binding or validation) can still name the line and column.
 */
final class YamlDocument {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    final String file;
    final JsonNode root;
    /** False when the file could not be parsed; its content is then empty and its error already reported. */
    final boolean parsed;
    /** Location of the key that introduced each path. */
    final Map<String, SourceLocation> keyLocations = new HashMap<>();
    /** Location of each path's value. */
    final Map<String, SourceLocation> valueLocations = new HashMap<>();

    private YamlDocument(String file, String text, List<ConfigError> errors, boolean parsed) throws IOException {
        this.file = file;
        this.parsed = parsed;
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            this.root = first == null ? NODES.objectNode() : read(parser, "", errors);
        }
    }

    /** Parses {@code text}; a syntax error becomes a located {@link ConfigError} and an empty document. */
    static YamlDocument parse(String file, String text, List<ConfigError> errors) {
        try {
            return new YamlDocument(file, text, errors, true);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null ? new SourceLocation(file, 0, 0)
                    : new SourceLocation(file, at.getLineNr(), at.getColumnNr());
            // SnakeYAML knows the exact character at fault; Jackson only knows where its parser stood.
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
                location = new SourceLocation(file, marked.getProblemMark().getLine() + 1, marked.getProblemMark().getColumn() + 1);
            }
            errors.add(new ConfigError(location, "", "invalid YAML: " + yamlProblem(e.getOriginalMessage()),
                    "check indentation and quoting at that line (tabs are not allowed; quote values containing ': ' or '#')"));
            return empty(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** SnakeYAML's message is "context / in 'reader', line..., column...: / snippet / problem"; keep the words, drop the snippets. */
    private static String yamlProblem(String message) {
        StringBuilder out = new StringBuilder();
        for (String line : message.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("in 'reader'") || trimmed.startsWith("^") || line.startsWith("    ")) {
                continue;
            }
            // "but got :" names the token it found; quoted, so it is not taken for the end of a sentence.
            trimmed = trimmed.replaceAll("\\b(got|found) ([^'\\s<]+)$", "$1 '$2'");
            out.append(out.length() == 0 ? "" : ", ").append(trimmed.endsWith(":") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
        }
        return out.toString();
    }

    private static YamlDocument empty(String file) {
        try {
            return new YamlDocument(file, "", List.of(), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(JsonParser parser, String path, List<ConfigError> errors) throws IOException {
        valueLocations.put(path, at(parser.currentTokenLocation()));
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    String childPath = ConfigPaths.child(path, key);
                    SourceLocation keyLocation = at(parser.currentTokenLocation());
                    parser.nextToken();
                    if (object.has(key)) {
                        errors.add(new ConfigError(keyLocation, ConfigPaths.display(childPath, ""),
                                "duplicate key '" + key + "' (first written at line " + keyLocations.get(childPath).line() + ")",
                                "keep one of the two"));
                    }
                    keyLocations.put(childPath, keyLocation);
                    object.set(key, read(parser, childPath, errors));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String childPath = ConfigPaths.element(path, index++);
                    keyLocations.put(childPath, at(parser.currentTokenLocation()));
                    array.add(read(parser, childPath, errors));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected YAML token " + token + " in " + file);
        }
    }

    private SourceLocation at(JsonLocation location) {
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }
}
