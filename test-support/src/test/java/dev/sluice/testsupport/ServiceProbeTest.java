package dev.sluice.testsupport;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probes tell a real answer from a closed port or from the wrong program on the port. */
class ServiceProbeTest {

    private final ServiceProbe probe = new ServiceProbe();

    @Test
    void closedPortIsAProblemForEveryService() throws IOException {
        int port = freePort();
        assertTrue(probe.problem(StackPart.KAFKA, "127.0.0.1:" + port).isPresent());
        assertTrue(probe.problem(StackPart.REGISTRY, "http://127.0.0.1:" + port + "/apis/ccompat/v7").isPresent());
        assertTrue(probe.problem(StackPart.CLICKHOUSE, "http://127.0.0.1:" + port).isPresent());
        assertTrue(probe.problem(StackPart.REDIS, "redis://127.0.0.1:" + port).isPresent());
    }

    @Test
    void clickHouseMustAnswerOneToSelectOne() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(Optional.empty(), probe.problem(StackPart.CLICKHOUSE, url));
            // An HTTP server that is not Kafka must not pass as a broker.
            assertTrue(probe.problem(StackPart.KAFKA, "127.0.0.1:" + server.getAddress().getPort()).isPresent());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void malformedEndpointIsReportedNotThrown() {
        Optional<String> problem = probe.problem(StackPart.KAFKA, "no-port-here");
        assertTrue(problem.isPresent() && problem.get().contains("host:port"), problem.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
