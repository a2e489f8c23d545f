package dev.sluice.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.RegistryConfig;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SchemaRegistryClient} over {@code java.net.http}. Uses only endpoints and fields that Confluent Schema
 * Registry, Apicurio's ccompat API ({@code /apis/ccompat/v7}), Karapace and Redpanda share, and reads error bodies
 * defensively: Confluent-style {@code {"error_code":40401,"message":...}}, Apicurio's native
 * {@code {"error_code":404,"message":...,"name":"ArtifactNotFoundException"}}, or no JSON at all.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final int MAX_MESSAGE_CHARS = 500;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;
    private final String baseUrl;
    private final String displayUrl;
    private final String authorization;
    private final Duration timeout;

    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public HttpSchemaRegistryClient(RegistryConfig config) {
        this(config.url(), config.username(), config.password(), config.timeout());
    }

    public HttpSchemaRegistryClient(String url, String username, String password, Duration timeout) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.baseUrl = trimmed;
        this.displayUrl = redact(trimmed);
        this.timeout = timeout;
        this.authorization = username == null || username.isBlank() ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The base URL without any user info, safe to print. */
    public String url() {
        return displayUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "register a schema under subject '" + subject + "'");
        int id = requireInt(response, "id", "register under '" + subject + "'");
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = call("GET", "/schemas/ids/" + id, null, "fetch schema id " + id);
        Schema schema = parseSchema(response, "schema id " + id);
        // putIfAbsent: concurrent fetches of one id keep one Schema instance, which keeps reader caches small.
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous == null ? schema : previous;
    }

    @Override
    public int idFor(String subject, Schema schema) {
        Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
        if (cached != null) {
            return cached;
        }
        return lookup(subject, schema).map(SchemaVersion::id).orElseThrow(() -> new RegistryException(RegistryException.Kind.NOT_FOUND, 404, 40403,
                "schema " + schema.getFullName() + " is not registered under subject '" + subject + "' at " + displayUrl
                        + "; run 'bin/sluice schemas register' (bad config: the registry and schemas/ are out of sync)", null));
    }

    @Override
    public Optional<SchemaVersion> lookup(String subject, Schema schema) {
        try {
            JsonNode response = call("POST", "/subjects/" + encode(subject), schemaBody(schema),
                    "look up a schema under subject '" + subject + "'");
            SchemaVersion version = new SchemaVersion(subject, requireInt(response, "version", "lookup"),
                    requireInt(response, "id", "lookup"), schema);
            idsBySubjectSchema.put(new SubjectSchema(subject, schema), version.id());
            return Optional.of(version);
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<Integer> versions(String subject) {
        JsonNode response;
        try {
            response = call("GET", "/subjects/" + encode(subject) + "/versions", null, "list versions of subject '" + subject + "'");
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<Integer> versions = new ArrayList<>();
        requireArray(response, "versions of '" + subject + "'").forEach(v -> versions.add(v.asInt()));
        versions.sort(Integer::compare);
        return versions;
    }

    @Override
    public SchemaVersion getVersion(String subject, int version) {
        return fetchVersion(subject, Integer.toString(version));
    }

    @Override
    public SchemaVersion latest(String subject) {
        return fetchVersion(subject, "latest");
    }

    private SchemaVersion fetchVersion(String subject, String version) {
        String what = "version " + version + " of subject '" + subject + "'";
        JsonNode response = call("GET", "/subjects/" + encode(subject) + "/versions/" + version, null, "fetch " + what);
        return new SchemaVersion(subject, requireInt(response, "version", what), requireInt(response, "id", what), parseSchema(response, what));
    }

    @Override
    public List<String> subjects() {
        JsonNode response = call("GET", "/subjects", null, "list subjects");
        List<String> subjects = new ArrayList<>();
        requireArray(response, "subjects").forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public void setCompatibility(String subject, CompatibilityMode mode) {
        ObjectNode body = json.createObjectNode().put("compatibility", mode.name());
        call("PUT", "/config/" + encode(subject), body, "set compatibility " + mode + " on subject '" + subject + "'");
    }

    @Override
    public CompatibilityMode getCompatibility(String subject) {
        JsonNode response;
        try {
            // defaultToGlobal: Confluent 7+ otherwise answers 40408 for subjects without their own level.
            response = call("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null, "read compatibility of subject '" + subject + "'");
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.NOT_FOUND) {
                throw e;
            }
            response = call("GET", "/config", null, "read the global compatibility");
        }
        return parseCompatibility(response, "compatibility of '" + subject + "'");
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        JsonNode response;
        try {
            response = call("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true", schemaBody(schema),
                    "test compatibility against subject '" + subject + "'");
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return new CompatibilityResult(true, List.of("subject '" + subject + "' has no versions yet, so any schema is accepted"));
            }
            if (e.httpStatus() == 409) {
                // Some registries answer an incompatible candidate with 409 instead of is_compatible=false.
                return new CompatibilityResult(false, List.of(e.getMessage()));
            }
            throw e;
        }
        JsonNode verdict = response.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw unexpected("compatibility test of '" + subject + "'", response);
        }
        // Confluent and Karapace explain in "messages" (verbose=true); Apicurio in a single "reason" string.
        List<String> messages = new ArrayList<>();
        JsonNode list = response.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(m -> messages.add(m.asText()));
        }
        JsonNode reason = response.get("reason");
        if (reason != null && reason.isTextual() && !reason.asText().isBlank()) {
            messages.add(reason.asText());
        }
        return new CompatibilityResult(verdict.asBoolean(), messages);
    }

    @Override
    public void deleteSubject(String subject) {
        String path = "/subjects/" + encode(subject);
        for (String query : List.of("", "?permanent=true")) {
            try {
                call("DELETE", path + query, null, "delete subject '" + subject + "'");
            } catch (RegistryException e) {
                // Not found: already gone (Apicurio deletes for good on the first call). 40405 etc. come as NOT_FOUND too.
                if (e.kind() != RegistryException.Kind.NOT_FOUND) {
                    throw e;
                }
            }
        }
        idsBySubjectSchema.keySet().removeIf(k -> k.subject().equals(subject));
    }

    // ---------------------------------------------------------------- HTTP

    private JsonNode call(String method, String path, JsonNode body, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", CONTENT_TYPE + ", application/json;q=0.9");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.RETRIABLE, 0, 0,
                    "cannot " + what + ": schema registry at " + displayUrl + " is unreachable (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); retriable - is it running and is registry.url right?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.RETRIABLE, 0, 0, "interrupted while trying to " + what, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String text = response.body();
            if (text == null || text.isBlank()) {
                return json.createObjectNode();
            }
            try {
                return json.readTree(text);
            } catch (JsonProcessingException e) {
                throw new RegistryException(RegistryException.Kind.BUG, status, status, "cannot " + what + ": registry at " + displayUrl
                        + " answered HTTP " + status + " with a body that is not JSON: " + abbreviate(text)
                        + " (is registry.url the Confluent-compatible API root?)", e);
            }
        }
        throw RegistryErrors.toException(status, response.body(), what, displayUrl, path);
    }

    private ObjectNode schemaBody(Schema schema) {
        // schemaType left out: AVRO is the default everywhere, and older registries reject the field.
        return json.createObjectNode().put("schema", schema.toString());
    }

    private Schema parseSchema(JsonNode response, String what) {
        JsonNode type = response.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
            throw new RegistryException(RegistryException.Kind.BAD_DATA, 200, 0,
                    what + " is a " + type.asText() + " schema, not Avro; Sluice reads Avro only", null);
        }
        JsonNode text = response.get("schema");
        if (text == null || !text.isTextual()) {
            throw unexpected(what, response);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new RegistryException(RegistryException.Kind.BAD_DATA, 200, 0, what + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private CompatibilityMode parseCompatibility(JsonNode response, String what) {
        // Confluent GET answers compatibilityLevel, PUT answers compatibility; registries differ, accept both.
        for (String field : List.of("compatibilityLevel", "compatibility")) {
            JsonNode value = response.get(field);
            if (value != null && value.isTextual()) {
                try {
                    return CompatibilityMode.valueOf(value.asText().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new RegistryException(RegistryException.Kind.BUG, 200, 0, what + ": unknown compatibility level '" + value.asText() + "'", e);
                }
            }
        }
        throw unexpected(what, response);
    }

    private int requireInt(JsonNode response, String field, String what) {
        JsonNode value = response.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw unexpected(what, response);
        }
        return value.asInt();
    }

    private JsonNode requireArray(JsonNode response, String what) {
        if (!response.isArray()) {
            throw unexpected(what, response);
        }
        return response;
    }

    private RegistryException unexpected(String what, JsonNode response) {
        return new RegistryException(RegistryException.Kind.BUG, 200, 0, what + ": registry at " + displayUrl
                + " answered in an unexpected shape: " + abbreviate(response.toString()), null);
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_MESSAGE_CHARS ? oneLine : oneLine.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Drops user:password@ from a URL so it can be printed. */
    static String redact(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
