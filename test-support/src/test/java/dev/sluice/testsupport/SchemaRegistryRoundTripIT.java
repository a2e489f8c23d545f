package dev.sluice.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves the registry the tests get speaks the Confluent Schema Registry API: a schema registered under a subject
 * comes back by the id the registry assigned. Only the Confluent API is used, so any compatible registry passes.
 */
@ExtendWith(RealStack.class)
class SchemaRegistryRoundTripIT {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void registersASchemaAndReadsItBackById(StackEndpoints stack) throws Exception {
        String subject = "it-sluice-" + UUID.randomUUID() + "-value";
        String schema = """
                {"type":"record","name":"PageView","namespace":"dev.sluice.it",
                 "fields":[{"name":"user","type":"string"},{"name":"ts","type":"long"}]}""";

        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema)))));
        assertEquals(200, registered.statusCode(), registered.body());
        int id = JSON.readTree(registered.body()).get("id").asInt();
        assertTrue(id > 0, "registry assigned id " + id);

        HttpResponse<String> byId = send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/" + id)).GET());
        assertEquals(200, byId.statusCode(), byId.body());
        JsonNode returned = JSON.readTree(JSON.readTree(byId.body()).get("schema").asText());
        assertEquals(JSON.readTree(schema), returned);

        HttpResponse<String> latest = send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects/" + subject + "/versions/latest")).GET());
        assertEquals(200, latest.statusCode(), latest.body());
        assertEquals(id, JSON.readTree(latest.body()).get("id").asInt());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
