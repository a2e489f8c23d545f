package dev.sluice.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks that an endpoint is really the service it claims to be, quickly and with the JDK alone (test-support must
 * not drag Kafka or ClickHouse clients onto every module's test classpath).
 */
class ServiceProbe {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** @return empty when the service answers, else why not */
    Optional<String> problem(StackPart part, String endpoint) {
        try {
            return switch (part) {
                case KAFKA -> kafka(endpoint);
                case REGISTRY -> http(URI.create(endpoint + "/subjects"), null);
                case CLICKHOUSE -> http(URI.create(endpoint + "/?query=SELECT%201"), "1");
                case REDIS -> redisPing(URI.create(endpoint));
            };
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + endpoint + "' is not of the form " + part.form + " (" + e.getMessage() + ")");
        }
    }

    /** The first bootstrap server that answers a Kafka ApiVersions request wins. */
    private static Optional<String> kafka(String bootstrap) {
        String lastProblem = "no servers listed";
        for (String server : bootstrap.split(",")) {
            Optional<String> problem = apiVersions(server.trim());
            if (problem.isEmpty()) {
                return problem;
            }
            lastProblem = problem.get();
        }
        return Optional.of(lastProblem);
    }

    /**
     * Sends ApiVersions v0 (the request every Kafka broker must answer, whatever its version) and checks the reply's
     * correlation id: proof that a Kafka broker, not just any program, listens there.
     */
    private static Optional<String> apiVersions(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("missing port in '" + server + "'");
        }
        String host = server.substring(0, colon);
        int port = Integer.parseInt(server.substring(colon + 1));
        int timeoutMillis = (int) TIMEOUT.toMillis();
        int correlationId = 0x51CE;
        byte[] clientId = "sluice-test-probe".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(2 + 2 + 4 + 2 + clientId.length);  // request size
            out.writeShort(18);                              // api key: ApiVersions
            out.writeShort(0);                               // api version 0
            out.writeInt(correlationId);
            out.writeShort(clientId.length);
            out.write(clientId);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            int answeredCorrelationId = in.readInt();
            short errorCode = in.readShort();
            if (size < 6 || answeredCorrelationId != correlationId) {
                return Optional.of(server + " answered, but not like a Kafka broker");
            }
            // 35 = UNSUPPORTED_VERSION: a broker too new for v0 still proves it is a broker.
            return errorCode == 0 || errorCode == 35
                    ? Optional.empty()
                    : Optional.of(server + " answered ApiVersions with error code " + errorCode);
        } catch (IOException e) {
            return Optional.of(server + ": " + describe(e));
        }
    }

    /** Sends PING in Redis's inline form and wants +PONG: a Redis that is up and has loaded its data. */
    private static Optional<String> redisPing(URI uri) {
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("not redis://host:port");
        }
        int timeoutMillis = (int) TIMEOUT.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return "+PONG".equals(reply) ? Optional.empty()
                    : Optional.of(uri + " answered PING with '" + reply + "' instead of +PONG");
        } catch (IOException e) {
            return Optional.of(uri + ": " + describe(e));
        }
    }

    private static Optional<String> http(URI uri, String expectedBody) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.of("GET " + uri + " answered HTTP " + response.statusCode());
            }
            if (expectedBody != null && !expectedBody.equals(response.body().strip())) {
                return Optional.of("GET " + uri + " answered '" + response.body().strip() + "' instead of '" + expectedBody + "'");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("GET " + uri + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static String describe(Exception e) {
        if (e.getMessage() == null) {
            // java.net.http reports a refused connection without a message
            return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
