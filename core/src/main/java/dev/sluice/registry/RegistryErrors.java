package dev.sluice.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Locale;

/**
 * Maps a registry's error answer to a {@link RegistryException}. Confluent, Karapace and Redpanda send
 * {@code {"error_code": 40401, "message": "..."}}; Apicurio's ccompat API mostly does too, but some paths answer
 * with its native shape ({@code error_code} = HTTP status, plus {@code name}/{@code detail}), and proxies answer HTML.
 */
final class RegistryErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryErrors() {
    }

    static RegistryException toException(int status, String body, String what, String displayUrl, String path) {
        int errorCode = status;
        String message = null;
        String name = null;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    JsonNode code = node.get("error_code");
                    if (code != null && code.canConvertToInt()) {
                        errorCode = code.asInt();
                    }
                    message = firstText(node, "message", "detail", "title", "error");
                    name = firstText(node, "name");
                }
            } catch (Exception notJson) {
                // Proxies and misconfigured URLs answer HTML; the status alone decides then.
            }
        }
        String said = message == null ? HttpSchemaRegistryClient.abbreviate(body) : HttpSchemaRegistryClient.abbreviate(message);
        String prefix = "cannot " + what + ": registry at " + displayUrl + " answered HTTP " + status
                + (errorCode != status ? " (error_code " + errorCode + ")" : "") + (said.isEmpty() ? "" : ": " + said);

        RegistryException.Kind kind;
        String advice;
        if (status == 401 || status == 403) {
            kind = RegistryException.Kind.BAD_CONFIG;
            advice = "the registry refused the credentials; check registry.username and registry.password";
        } else if (status == 404 || errorCode / 100 == 404) {
            if (errorCode / 100 == 404 || looksLikeNotFound(message, name)) {
                kind = RegistryException.Kind.NOT_FOUND;
                advice = null;
            } else {
                kind = RegistryException.Kind.BAD_CONFIG;
                advice = "'" + path + "' does not exist there: registry.url must be the root of the Confluent-compatible API"
                        + " (for Apicurio: http://host:port/apis/ccompat/v7)";
            }
        } else if (status == 409) {
            kind = RegistryException.Kind.BAD_DATA;
            advice = "the schema is incompatible with the subject's earlier versions under its compatibility mode;"
                    + " run 'bin/sluice schemas check' for a field-by-field report";
        } else if (status == 422 || errorCode / 100 == 422 || status == 400) {
            kind = RegistryException.Kind.BAD_DATA;
            advice = switch (errorCode) {
                case 42201 -> "the registry considers the schema invalid";
                case 42202 -> "invalid version number";
                case 42203 -> "invalid compatibility level";
                default -> "the registry rejected the request as invalid";
            };
        } else if (status == 408 || status == 429 || status >= 500) {
            kind = RegistryException.Kind.RETRIABLE;
            advice = switch (errorCode) {
                case 50001 -> "the registry's backend store failed; retriable";
                case 50002 -> "the registry timed out; retriable";
                case 50003 -> "the registry could not forward the request to its leader; retriable";
                default -> "the registry is overloaded or failing; retriable";
            };
        } else if (status == 405 || status == 406 || status == 415) {
            kind = RegistryException.Kind.BAD_CONFIG;
            advice = "registry.url does not look like a Confluent-compatible schema registry API";
        } else {
            kind = RegistryException.Kind.BUG;
            advice = "unexpected answer; please report it with the registry product and version";
        }
        return new RegistryException(kind, status, errorCode, advice == null ? prefix : prefix + " - " + advice, null);
    }

    /**
     * Apicurio's native errors name the missing thing (ArtifactNotFoundException, VersionNotFoundException...);
     * a bare JAX-RS "HTTP 404 Not Found" means the path itself is wrong, i.e. a bad registry.url.
     */
    private static boolean looksLikeNotFound(String message, String name) {
        if (name != null && name.endsWith("NotFoundException") && !name.equals("NotFoundException")) {
            return true;
        }
        if (message == null) {
            return false;
        }
        String text = message.toLowerCase(Locale.ROOT);
        if (text.startsWith("http 404") || text.contains("resource not found") || text.contains("<html")) {
            return false;
        }
        return text.contains("not found") || text.contains("does not exist") || text.contains("no artifact");
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }
}
