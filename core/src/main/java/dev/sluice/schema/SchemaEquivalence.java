package dev.sluice.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Decides whether a config change needs a new schema version. Two schemas are the same version when their JSON is
 * equal after removing every {@code doc}: documentation edits do not change what is on the wire, and registering a
 * version per doc fix would flood the registry. Avro's Parsing Canonical Form is NOT used, because it also drops
 * defaults, logical types and custom properties ({@code sluice.type}), all of which change meaning or compatibility.
 */
public final class SchemaEquivalence {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEquivalence() {
    }

    public static boolean sameIgnoringDocs(Schema a, Schema b) {
        return withoutDocs(a).equals(withoutDocs(b));
    }

    static JsonNode withoutDocs(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            strip(tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException("bug: Avro wrote unreadable JSON", e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("doc");
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                var entry = it.next();
                // A field's default value is data, not schema: a default object may legitimately hold a "doc" key.
                if (!entry.getKey().equals("default")) {
                    strip(entry.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SchemaEquivalence::strip);
        }
    }
}
