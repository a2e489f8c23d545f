package dev.sluice.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.CompatibilityMode;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpSchemaRegistryClientTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Transaction").namespace("dev.sluice.events.payments")
            .fields().requiredString("card_id").endRecord();
    private static final String SCHEMA_JSON = new ObjectMapper().createObjectNode().put("schema", SCHEMA.toString()).toString();
    private static final String SUBJECT = "payments.transactions-value";

    private FakeRegistry fake;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeRegistry();
        client = new HttpSchemaRegistryClient(fake.url(), "sluice", "s3cret-pw", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private RegistryException failure(Runnable call) {
        return assertThrows(RegistryException.class, call::run);
    }

    @Test
    void registerSendsTheSchemaWithTheRegistryContentTypeAndBasicAuth() throws Exception {
        fake.on("POST /subjects/payments.transactions-value/versions", 200, "{\"id\":42}");
        assertEquals(42, client.register(SUBJECT, SCHEMA));
        FakeRegistry.Request request = fake.requests.get(0);
        assertEquals("application/vnd.schemaregistry.v1+json", request.header("Content-Type"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("sluice:s3cret-pw".getBytes(StandardCharsets.UTF_8)), request.header("Authorization"));
        assertEquals(SCHEMA, new Schema.Parser().parse(new ObjectMapper().readTree(request.body()).get("schema").asText()));
        // Second registration of the same schema is answered from the cache.
        assertEquals(42, client.register(SUBJECT, SCHEMA));
        assertEquals(1, fake.count("POST /subjects/payments.transactions-value/versions"));
    }

    @Test
    void getByIdParsesAndCaches() {
        fake.on("GET /schemas/ids/7", 200, SCHEMA_JSON);
        assertEquals(SCHEMA, client.getById(7));
        assertEquals(SCHEMA, client.getById(7));
        assertEquals(1, fake.count("GET /schemas/ids/7"));
        assertEquals(Optional.of(SCHEMA), client.schemaById(7));
    }

    @Test
    void unknownIdIsEmptyForTheWireFormatButOutagesAreThrown() {
        fake.on("GET /schemas/ids/8", 404, "{\"error_code\":40403,\"message\":\"Schema 8 not found\"}");
        assertEquals(Optional.empty(), client.schemaById(8));
        fake.on("GET /schemas/ids/9", 500, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}");
        RegistryException e = failure(() -> client.schemaById(9));
        assertEquals(RegistryException.Kind.RETRIABLE, e.kind());
        assertEquals(50001, e.errorCode());
    }

    @Test
    void idForUsesLookupAndCaches() {
        fake.on("POST /subjects/payments.transactions-value", 200,
                "{\"subject\":\"payments.transactions-value\",\"id\":3,\"version\":2,\"schema\":\"{}\"}");
        assertEquals(3, client.idFor(SUBJECT, SCHEMA));
        assertEquals(3, client.idFor(SUBJECT, SCHEMA));
        assertEquals(1, fake.count("POST /subjects/payments.transactions-value"));
    }

    @Test
    void idForOfAnUnregisteredSchemaSaysHowToFixIt() {
        fake.on("POST /subjects/payments.transactions-value", 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
        RegistryException e = failure(() -> client.idFor(SUBJECT, SCHEMA));
        assertEquals(RegistryException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("bin/sluice schemas register"), e.getMessage());
        assertEquals(Optional.empty(), client.lookup(SUBJECT, SCHEMA));
    }

    @Test
    void versionsOfAMissingSubjectAreEmpty() {
        fake.on("GET /subjects/payments.transactions-value/versions", 404, "{\"error_code\":40401,\"message\":\"Subject 'payments.transactions-value' not found.\"}");
        assertEquals(List.of(), client.versions(SUBJECT));
        fake.on("GET /subjects/payments.transactions-value/versions", 200, "[2,1,3]");
        assertEquals(List.of(1, 2, 3), client.versions(SUBJECT));
    }

    @Test
    void getVersionAndLatest() {
        String body = "{\"subject\":\"s\",\"version\":2,\"id\":5,\"schema\":" + new ObjectMapper().createObjectNode().put("s", SCHEMA.toString()).get("s") + "}";
        fake.on("GET /subjects/s/versions/2", 200, body).on("GET /subjects/s/versions/latest", 200, body);
        assertEquals(new SchemaVersion("s", 2, 5, SCHEMA), client.getVersion("s", 2));
        assertEquals(new SchemaVersion("s", 2, 5, SCHEMA), client.latest("s"));
        fake.on("GET /subjects/s/versions/9", 404, "{\"error_code\":40402,\"message\":\"Version 9 not found.\"}");
        assertEquals(RegistryException.Kind.NOT_FOUND, failure(() -> client.getVersion("s", 9)).kind());
    }

    @Test
    void nonAvroSchemasAreRejected() {
        fake.on("GET /schemas/ids/4", 200, "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        RegistryException e = failure(() -> client.getById(4));
        assertEquals(RegistryException.Kind.BAD_DATA, e.kind());
        assertTrue(e.getMessage().contains("PROTOBUF"));
    }

    @Test
    void compatibilityIsSetAndReadBackUnderEitherFieldName() {
        fake.on("PUT /config/s", 200, "{\"compatibility\":\"FULL_TRANSITIVE\"}");
        client.setCompatibility("s", CompatibilityMode.FULL_TRANSITIVE);
        assertTrue(fake.requests.get(0).body().contains("\"compatibility\":\"FULL_TRANSITIVE\""));
        fake.on("GET /config/s?defaultToGlobal=true", 200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        assertEquals(CompatibilityMode.FULL_TRANSITIVE, client.getCompatibility("s"));
        fake.on("GET /config/s?defaultToGlobal=true", 200, "{\"compatibility\":\"forward\"}");
        assertEquals(CompatibilityMode.FORWARD, client.getCompatibility("s"));
    }

    @Test
    void compatibilityFallsBackToGlobalWhenTheSubjectHasNone() {
        // Apicurio answers 40401 for a subject without versions; Confluent 7 without defaultToGlobal answers 40408.
        fake.on("GET /config/s?defaultToGlobal=true", 404, "{\"error_code\":40408,\"message\":\"Subject 's' does not have subject-level compatibility configured\"}");
        fake.on("GET /config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
        assertEquals(CompatibilityMode.BACKWARD, client.getCompatibility("s"));
    }

    @Test
    void testCompatibilityReadsConfluentMessagesAndApicurioReason() {
        String path = "POST /compatibility/subjects/s/versions/latest?verbose=true";
        fake.on(path, 200, "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE, location:/fields/1\"]}");
        CompatibilityResult confluent = client.testCompatibility("s", SCHEMA);
        assertFalse(confluent.compatible());
        assertEquals(List.of("READER_FIELD_MISSING_DEFAULT_VALUE, location:/fields/1"), confluent.messages());

        fake.on(path, 200, "{\"is_compatible\":false,\"reason\":\"Incompatible artifact: s [AVRO], num of incompatible diffs: {1}\"}");
        CompatibilityResult apicurio = client.testCompatibility("s", SCHEMA);
        assertFalse(apicurio.compatible());
        assertTrue(apicurio.messages().get(0).startsWith("Incompatible artifact"));

        fake.on(path, 200, "{\"is_compatible\":true,\"reason\":null}");
        assertTrue(client.testCompatibility("s", SCHEMA).compatible());
    }

    @Test
    void testCompatibilityOfANewSubjectAcceptsAnything() {
        fake.on("POST /compatibility/subjects/s/versions/latest?verbose=true", 404,
                "{\"error_code\":40402,\"message\":\"No version 'latest' found for artifact with ID 's' in group 'null'.\"}");
        CompatibilityResult result = client.testCompatibility("s", SCHEMA);
        assertTrue(result.compatible());
        assertTrue(result.messages().get(0).contains("no versions yet"));
    }

    @Test
    void testCompatibilityAnsweredWith409IsIncompatible() {
        fake.on("POST /compatibility/subjects/s/versions/latest?verbose=true", 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
        assertFalse(client.testCompatibility("s", SCHEMA).compatible());
    }

    @Test
    void incompatibleRegistrationIsBadData() {
        fake.on("POST /subjects/s/versions", 409, "{\"error_code\":409,\"message\":\"io.apicurio.registry.rules.RuleViolationException: Incompatible artifact\"}");
        RegistryException e = failure(() -> client.register("s", SCHEMA));
        assertEquals(RegistryException.Kind.BAD_DATA, e.kind());
        assertTrue(e.getMessage().contains("bin/sluice schemas check"), e.getMessage());
    }

    @Test
    void invalidSchemaIsBadData() {
        fake.on("POST /subjects/s/versions", 422, "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        RegistryException e = failure(() -> client.register("s", SCHEMA));
        assertEquals(RegistryException.Kind.BAD_DATA, e.kind());
        assertEquals(42201, e.errorCode());
        fake.on("PUT /config/s", 422, "{\"error_code\":42203,\"message\":\"Invalid compatibility level\"}");
        assertEquals(RegistryException.Kind.BAD_DATA, failure(() -> client.setCompatibility("s", CompatibilityMode.NONE)).kind());
        // Apicurio answers a body it cannot read with 400 and plain text.
        fake.onHtml("PUT /config/s", 400, "Not able to deserialize data provided.");
        assertEquals(RegistryException.Kind.BAD_DATA, failure(() -> client.setCompatibility("s", CompatibilityMode.NONE)).kind());
    }

    @Test
    void serverErrorsAreRetriable() {
        for (int code : new int[]{50001, 50002, 50003}) {
            fake.on("GET /subjects", 500, "{\"error_code\":" + code + ",\"message\":\"boom\"}");
            RegistryException e = failure(client::subjects);
            assertEquals(RegistryException.Kind.RETRIABLE, e.kind(), "code " + code);
            assertTrue(e.retriable());
        }
        fake.onHtml("GET /subjects", 503, "<html>Service Unavailable</html>");
        assertEquals(RegistryException.Kind.RETRIABLE, failure(client::subjects).kind());
    }

    @Test
    void refusedCredentialsAreBadConfigAndNeverLeakThePassword() {
        fake.on("GET /subjects", 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
        RegistryException e = failure(client::subjects);
        assertEquals(RegistryException.Kind.BAD_CONFIG, e.kind());
        assertTrue(e.getMessage().contains("registry.username"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"));
        fake.on("GET /subjects", 403, "{\"error_code\":40301,\"message\":\"Forbidden\"}");
        assertEquals(RegistryException.Kind.BAD_CONFIG, failure(client::subjects).kind());
    }

    @Test
    void aWrongBaseUrlIsBadConfigWithTheApicurioHint() {
        // Nothing scripted: the fake answers an HTML 404 like a web server that is not a registry.
        RegistryException html = failure(client::subjects);
        assertEquals(RegistryException.Kind.BAD_CONFIG, html.kind());
        assertTrue(html.getMessage().contains("/apis/ccompat/v7"), html.getMessage());
        // Apicurio's own 404 for a path outside the ccompat API.
        fake.on("GET /subjects", 404, "{\"detail\":\"NotFoundException: RESTEASY003210: Could not find resource for full path\",\"error_code\":404,"
                + "\"message\":\"RESTEASY003210: Could not find resource for full path\",\"name\":\"NotFoundException\"}");
        assertEquals(RegistryException.Kind.BAD_CONFIG, failure(client::subjects).kind());
        fake.on("GET /subjects", 404, "{\"error_code\":0,\"message\":\"RESTEASY003210: Could not find resource for full path\"}");
        assertEquals(RegistryException.Kind.BAD_CONFIG, failure(client::subjects).kind());
    }

    @Test
    void apicurioNativeNotFoundShapeIsNotFound() {
        fake.on("GET /subjects/s/versions/latest", 404, "{\"error_code\":404,\"message\":\"No artifact with ID 's' in group 'null' was found.\",\"name\":\"ArtifactNotFoundException\"}");
        assertEquals(RegistryException.Kind.NOT_FOUND, failure(() -> client.latest("s")).kind());
    }

    @Test
    void unreachableRegistryIsRetriableAndTheUrlIsRedacted() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HttpSchemaRegistryClient down = new HttpSchemaRegistryClient("http://user:pw-in-url@127.0.0.1:" + port + "/", null, null, Duration.ofSeconds(2));
        RegistryException e = failure(down::subjects);
        assertEquals(RegistryException.Kind.RETRIABLE, e.kind());
        assertFalse(e.getMessage().contains("pw-in-url"), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void successWithoutJsonIsABug() {
        fake.onHtml("GET /subjects", 200, "<html>proxy login</html>");
        assertEquals(RegistryException.Kind.BUG, failure(client::subjects).kind());
    }

    @Test
    void deleteSubjectSoftThenHardAndToleratesAlreadyGone() {
        fake.on("DELETE /subjects/s", 200, "[1]");
        fake.on("DELETE /subjects/s?permanent=true", 404, "{\"error_code\":40401,\"message\":\"Subject 's' not found.\"}");
        client.deleteSubject("s");
        assertEquals(1, fake.count("DELETE /subjects/s"));
        assertEquals(1, fake.count("DELETE /subjects/s?permanent=true"));
    }

    @Test
    void subjectNamesAreUrlEncoded() {
        fake.on("GET /subjects/a%20b%2Fc/versions", 200, "[1]");
        assertEquals(List.of(1), client.versions("a b/c"));
    }
}
