package dev.sluice.cli.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A private Kafka and ClickHouse (own data dir, own ports) can be stopped, killed and started again while keeping
 * their data, without touching the developer's stack; a password set for ClickHouse is required.
 */
class PrivateStackIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @Test
    void servicesStopKillAndRestartKeepingTheirData(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        try (PrivateStack stack = PrivateStack.create(HOME, dir.resolve("stack"), new PrintWriter(log, true), "pw-for-it")) {
            stack.start(PrivateStack.Service.KAFKA, PrivateStack.Service.CLICKHOUSE);
            assertEquals("1", clickHouse(stack, "SELECT 1", "pw-for-it"));
            assertTrue(clickHouse(stack, "SELECT 1", "wrong").contains("Wrong password"), "the default user needs the password");
            clickHouse(stack, "CREATE TABLE default.kept (x UInt8) ENGINE = MergeTree ORDER BY x", "pw-for-it");
            clickHouse(stack, "INSERT INTO default.kept VALUES (7)", "pw-for-it");
            try (Admin admin = admin(stack)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
            }

            stack.stop(PrivateStack.Service.CLICKHOUSE);
            assertFalse(stack.running(PrivateStack.Service.CLICKHOUSE));
            stack.kill(PrivateStack.Service.KAFKA);
            assertFalse(stack.running(PrivateStack.Service.KAFKA));

            stack.start(PrivateStack.Service.KAFKA, PrivateStack.Service.CLICKHOUSE);
            assertEquals("7", clickHouse(stack, "SELECT x FROM default.kept", "pw-for-it"));
            try (Admin admin = admin(stack)) {
                Set<String> topics = admin.listTopics().names().get();
                assertTrue(topics.contains("kept"), topics.toString());
            }
        }
        assertTrue(log.toString().contains("killed (SIGKILL"), log.toString());
    }

    private static Admin admin(PrivateStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap()));
    }

    private static String clickHouse(PrivateStack stack, String sql, String password) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.clickHouseUrl() + "/?password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
    }
}
