package dev.sluice.cli.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a service a real question over its own protocol. An open port is not enough: Kafka accepts connections
 * before its metadata is ready and the registry before its storage is.
 */
@FunctionalInterface
interface HealthCheck {

    Result probe(Duration timeout);

    record Result(boolean healthy, String detail) {
        static Result ok(String detail) {
            return new Result(true, detail);
        }

        static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    /** Healthy when GET {@code uri} answers 200 and, if {@code expectedBody} is not null, with exactly that body. */
    static HealthCheck http(URI uri, String expectedBody) {
        return http(uri, expectedBody, java.util.Map.of());
    }

    /** The same with request headers (credentials go in headers, never in the URI that messages show). */
    static HealthCheck http(URI uri, String expectedBody, java.util.Map<String, String> headers) {
        return timeout -> {
            HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            headers.forEach(builder::header);
            HttpRequest request = builder.build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                String body = response.body() == null ? "" : response.body().strip();
                if (response.statusCode() != 200) {
                    return Result.failed("GET " + uri + " answered HTTP " + response.statusCode());
                }
                if (expectedBody != null && !expectedBody.equals(body)) {
                    return Result.failed("GET " + uri + " answered '" + abbreviate(body) + "', expected '" + expectedBody + "'");
                }
                return Result.ok("GET " + uri + " answered 200");
            } catch (IOException e) {
                return Result.failed("GET " + uri + " failed: " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            }
        };
    }

    /** Healthy when an AdminClient gets the cluster's id and at least one broker back from describeCluster. */
    static HealthCheck kafkaCluster(String bootstrap) {
        return timeout -> {
            int millis = (int) timeout.toMillis();
            // A refused connection is answered at once; the AdminClient would keep retrying until the timeout.
            Result listening = tcpConnect(bootstrap.split(",")[0].trim(), Math.min(millis, 1000));
            if (!listening.healthy()) {
                return listening;
            }
            Properties config = new Properties();
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
            config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 1000));
            config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, Math.min(millis, 1000));
            config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-stack-health");
            Admin admin = Admin.create(config);
            try {
                DescribeClusterResult cluster = admin.describeCluster();
                String clusterId = cluster.clusterId().get(millis, TimeUnit.MILLISECONDS);
                int brokers = cluster.nodes().get(millis, TimeUnit.MILLISECONDS).size();
                return brokers > 0
                        ? Result.ok("cluster " + clusterId + " with " + brokers + " broker(s)")
                        : Result.failed("cluster " + clusterId + " reports no brokers yet");
            } catch (ExecutionException e) {
                return Result.failed("describeCluster on " + bootstrap + " failed: " + describe(e.getCause()));
            } catch (TimeoutException e) {
                return Result.failed("describeCluster on " + bootstrap + " got no answer within " + millis + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Result.failed("interrupted");
            } finally {
                admin.close(Duration.ofMillis(500));
            }
        };
    }

    /**
     * Healthy when Redis answers PING with +PONG. A Redis still loading its append-only file answers -LOADING, which
     * is not healthy yet: writes would fail.
     */
    static HealthCheck redisPing(String host, int port) {
        return timeout -> {
            int millis = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), millis);
                socket.setSoTimeout(millis);
                socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.US_ASCII)).readLine();
                return "+PONG".equals(reply)
                        ? Result.ok("PING answered +PONG")
                        : Result.failed("PING on " + host + ":" + port + " answered '" + (reply == null ? "nothing" : abbreviate(reply)) + "'");
            } catch (IOException e) {
                return Result.failed("PING on " + host + ":" + port + " failed: " + describe(e));
            }
        };
    }

    private static Result tcpConnect(String hostAndPort, int timeoutMillis) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = hostAndPort.substring(0, colon);
        int port = Integer.parseInt(hostAndPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return Result.ok("listening");
        } catch (IOException e) {
            return Result.failed("nothing accepts connections on " + hostAndPort + " (" + describe(e) + ")");
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null && e instanceof java.net.ConnectException) {
            return "connection refused";  // how java.net.http reports it
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String body) {
        return body.length() <= 80 ? body : body.substring(0, 80) + "...";
    }
}
