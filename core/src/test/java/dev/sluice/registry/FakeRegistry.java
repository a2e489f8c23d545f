package dev.sluice.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A scripted in-process HTTP server: answers "METHOD path?query" with a canned status and body, records requests. */
final class FakeRegistry implements AutoCloseable {

    record Answer(int status, String contentType, String body) {
    }

    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    FakeRegistry on(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, "application/vnd.schemaregistry.v1+json", body));
        return this;
    }

    FakeRegistry onHtml(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, "text/html", body));
        return this;
    }

    long count(String methodAndPath) {
        return requests.stream().filter(r -> (r.method() + " " + r.pathAndQuery()).equals(methodAndPath)).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath().replaceFirst("^/apis/ccompat/v7", "");
        String query = exchange.getRequestURI().getRawQuery();
        String key = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), exchange.getRequestHeaders(), body));
        Answer answer = answers.getOrDefault(key, new Answer(404, "text/html", "<html><body>Not Found</body></html>"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
