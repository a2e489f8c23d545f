package dev.sluice.metrics;

import dev.sluice.config.MetricsConfig;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Serves a registry at {@code http://<host>:<port>/metrics} in the Prometheus text format, on daemon threads so it
 * never keeps a finished job's JVM alive.
 *
 * <p>It listens on every interface: Prometheus usually scrapes from another host or a container
 * ({@code host.docker.internal}), and the endpoint carries no secrets.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HTTPServer server;
    private final String component;

    private MetricsServer(HTTPServer server, String component) {
        this.server = server;
        this.component = component;
    }

    /**
     * Starts serving when {@code platform.metrics.enabled} is true, on {@code platform.metrics.port}.
     *
     * @param component what is served, for the log line and errors (e.g. "streaming job")
     */
    public static Optional<MetricsServer> startIfEnabled(MetricsConfig config, String component, CollectorRegistry registry) {
        if (!config.enabled()) {
            LOG.info("Prometheus metrics of the {} are off (platform.metrics.enabled: false)", component);
            return Optional.empty();
        }
        return Optional.of(start(config.port(), component, registry, "platform.metrics.port"));
    }

    /**
     * @param port      port to listen on; 0 picks a free one (tests)
     * @param portSetting the setting a user changes to move the port, named in the error when it is taken
     * @throws MetricsServerException when the port is taken or cannot be bound
     */
    public static MetricsServer start(int port, String component, CollectorRegistry registry, String portSetting) {
        if (port < 0 || port > 65535) {
            throw new MetricsServerException("cannot serve Prometheus metrics of the " + component + " on port " + port
                    + ": not a TCP port; set " + portSetting + " to a number between 1 and 65535 [bad config]");
        }
        try {
            HTTPServer server = new HTTPServer.Builder()
                    .withInetSocketAddress(new InetSocketAddress(port))
                    .withRegistry(registry)
                    .withDaemonThreads(true)
                    .build();
            MetricsServer started = new MetricsServer(server, component);
            LOG.info("Prometheus metrics of the {} at http://localhost:{}/metrics (listening on all interfaces, port {})",
                    component, started.port(), started.port());
            return started;
        } catch (BindException e) {
            throw new MetricsServerException("cannot serve Prometheus metrics of the " + component + " on port " + port
                    + ": the port is already in use (another Sluice job or generator, or another program). "
                    + "Stop that process or set " + portSetting + " to a free port"
                    + (portSetting.contains("platform.metrics.port") ? " in config/platform.yaml or environments/<env>.yaml" : "")
                    + "; platform.metrics.enabled: false turns the endpoint off [bad config]", e);
        } catch (IOException e) {
            throw new MetricsServerException("cannot serve Prometheus metrics of the " + component + " on port " + port
                    + ": " + e.getMessage() + "; check " + portSetting + " [bad config]", e);
        }
    }

    /** The port actually bound (differs from the requested one only when 0 was requested). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        int port = port();
        server.close();
        LOG.info("stopped serving Prometheus metrics of the {} on port {}", component, port);
    }
}
