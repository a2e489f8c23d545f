package dev.sluice.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sluice.secrets.SecretMasker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders the effective configuration (after overlays, interpolation and defaults) as YAML in the same shape the
 * files use, with every value that came from a secret replaced by {@value SecretMasker#MASK}.
 */
public final class ConfigPrinter {

    private final ObjectMapper yaml;

    public ConfigPrinter() {
        SimpleModule module = new SimpleModule();
        module.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(Durations.format(value));
            }
        });
        @SuppressWarnings({"rawtypes", "unchecked"})
        JsonSerializer<Enum> enums = new JsonSerializer<>() {
            @Override
            public void serialize(Enum value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.name().toLowerCase(Locale.ROOT));
            }
        };
        module.addSerializer(Enum.class, enums);
        this.yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
                .registerModule(module)
                .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
    }

    /** The whole configuration, or only one domain's part of it when {@code domain} is given. */
    public String render(LoadedConfig loaded, String domain) {
        SluiceConfig config = loaded.config();
        ObjectNode root = yaml.createObjectNode();
        root.put("environment", config.environment());
        root.set("platform", yaml.valueToTree(config.platform()));
        ObjectNode domains = root.putObject("domains");
        config.domains().forEach((name, d) -> {
            if (domain == null || domain.equals(name)) {
                domains.set(name, yaml.valueToTree(d));
            }
        });
        for (String path : loaded.secretPaths()) {
            maskAt(root, path);
        }
        maskValues(root, loaded.masker());
        try {
            return yaml.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void maskAt(ObjectNode root, String path) {
        String[] segments = path.substring(1).split("/");
        JsonNode node = root;
        for (int i = 0; i < segments.length - 1 && node != null; i++) {
            String segment = segments[i];
            node = segment.startsWith("[") ? node.get(Integer.parseInt(segment.substring(1, segment.length() - 1)))
                    : node.get(segment.replace("~1", "/"));
        }
        String last = segments[segments.length - 1].replace("~1", "/");
        if (node instanceof ObjectNode object && object.has(last)) {
            object.put(last, SecretMasker.MASK);
        }
    }

    private static void maskValues(JsonNode node, SecretMasker masker) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(masker.mask(field.getValue().asText())));
                } else {
                    maskValues(field.getValue(), masker);
                }
            });
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (node.get(i).isTextual()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, TextNode.valueOf(masker.mask(node.get(i).asText())));
                } else {
                    maskValues(node.get(i), masker);
                }
            }
        }
    }
}
