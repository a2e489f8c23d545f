package dev.sluice.metrics;

import dev.sluice.config.MetricsConfig;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {

    @Test
    void servesTheRegistryInThePrometheusTextFormat() throws Exception {
        PipelineMetrics metrics = PipelineMetrics.create();
        metrics.query("payments.merchant_fraud_5m").inputRows(12);

        try (MetricsServer server = MetricsServer.start(0, "streaming job", metrics.registry(), "platform.metrics.port")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains(
                    "sluice_input_rows_total{query=\"payments.merchant_fraud_5m\",domain=\"payments\",aggregation=\"merchant_fraud_5m\",} 12.0"),
                    response.body());
            assertTrue(response.body().contains("jvm_memory_bytes_used"), "JVM metrics are served too");
        }
    }

    @Test
    void aTakenPortNamesTheSettingToChange() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            MetricsServerException e = assertThrows(MetricsServerException.class, () -> MetricsServer.startIfEnabled(
                    new MetricsConfig(true, port), "streaming job", PipelineMetrics.withoutJvmMetrics().registry()));

            assertEquals("cannot serve Prometheus metrics of the streaming job on port " + port
                    + ": the port is already in use (another Sluice job or generator, or another program). "
                    + "Stop that process or set platform.metrics.port to a free port in config/platform.yaml or "
                    + "environments/<env>.yaml; platform.metrics.enabled: false turns the endpoint off [bad config]", e.getMessage());
        }
    }

    @Test
    void disabledMeansNoServer() {
        assertTrue(MetricsServer.startIfEnabled(new MetricsConfig(false, 9464), "streaming job",
                PipelineMetrics.withoutJvmMetrics().registry()).isEmpty());
    }
}
