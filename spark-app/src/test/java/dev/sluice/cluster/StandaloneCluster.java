package dev.sluice.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A Spark standalone cluster of one master and one worker (2 cores, 2 GiB), each a JVM started from a
 * {@link SparkDistribution} home, bound to 127.0.0.1. The worker launches executors through Spark's launcher, which
 * is why it needs the Spark home layout and {@code SPARK_HOME}.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path sparkHome;
    private final Path workDir;
    private final int masterPort;
    private final int masterWebUiPort;
    private final ChildProcess master;
    private final ChildProcess worker;

    private StandaloneCluster(Path sparkHome, Path workDir, int masterPort, int masterWebUiPort, ChildProcess master, ChildProcess worker) {
        this.sparkHome = sparkHome;
        this.workDir = workDir;
        this.masterPort = masterPort;
        this.masterWebUiPort = masterWebUiPort;
        this.master = master;
        this.worker = worker;
    }

    /** Starts the master and the worker; {@link #awaitWorker} waits until the worker has registered. */
    static StandaloneCluster start(Path sparkHome, Path dir, List<String> javaOptions) throws IOException {
        int masterPort = freePort();
        int masterWebUiPort = freePort();
        int workerWebUiPort = freePort();
        Path workDir = Files.createDirectories(dir.resolve("work"));
        Map<String, String> environment = environment(sparkHome);
        ChildProcess master = ChildProcess.start("spark master", daemon(sparkHome, javaOptions, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterWebUiPort)),
                environment, dir.resolve("master.log"));
        // The worker retries its registration until the master answers, so both can start at once.
        ChildProcess worker;
        try {
            worker = ChildProcess.start("spark worker", daemon(sparkHome, javaOptions, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(workerWebUiPort),
                    "--work-dir", workDir.toString(), "spark://127.0.0.1:" + masterPort), environment, dir.resolve("worker.log"));
        } catch (RuntimeException e) {
            master.close();
            throw e;
        }
        return new StandaloneCluster(sparkHome, workDir, masterPort, masterWebUiPort, master, worker);
    }

    /** What every Spark process of the test gets: the home, the Scala version the launcher looks for, loopback only. */
    static Map<String, String> environment(Path sparkHome) {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", "127.0.0.1",
                "SPARK_CONF_DIR", sparkHome.resolve("conf").toString());
    }

    private static List<String> daemon(Path sparkHome, List<String> javaOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-Xmx512m", "-cp", sparkHome.resolve("jars") + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    void awaitWorker(Duration timeout) throws InterruptedException {
        awaitMaster(timeout, state -> state.path("aliveworkers").asInt() == 1, "a registered worker");
    }

    /** Polls the master's JSON status until {@code condition} holds; fails with the daemons' logs otherwise. */
    JsonNode awaitMaster(Duration timeout, Predicate<JsonNode> condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "(no answer yet)";
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive() || !worker.isAlive()) {
                throw new AssertionError("the Spark " + (master.isAlive() ? "worker" : "master") + " exited while waiting for " + what
                        + "\nmaster log:\n" + master.logTail(30) + "\nworker log:\n" + worker.logTail(30));
            }
            try {
                JsonNode state = masterState();
                if (condition.test(state)) {
                    return state;
                }
                last = state.toString();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " after " + timeout.toSeconds() + " s; master said " + last
                + "\nmaster log:\n" + master.logTail(30) + "\nworker log:\n" + worker.logTail(30));
    }

    /** The master's status page as JSON: workers, active and completed applications. */
    JsonNode masterState() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterWebUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("master status page answered HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path sparkHome() {
        return sparkHome;
    }

    /** The worker's work directory: {@code <app id>/<executor id>/stderr} per executor it ran. */
    Path workDir() {
        return workDir;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    @Override
    public void close() {
        try (master) {
            worker.close();
        }
    }
}
