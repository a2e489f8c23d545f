package dev.sluice.cli.status;

import dev.sluice.metrics.MetricsServer;
import dev.sluice.metrics.PipelineMetrics;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsProbeTest {

    @Test
    void readsWhichQueriesReportProgressFromARealEndpoint() {
        PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
        metrics.query("payments.merchant_fraud_5m").progressReported(3, Instant.parse("2025-03-01T10:15:00.250Z"));
        metrics.query("ecommerce.revenue_5m").inputRows(10); // measured, but no progress reported yet

        try (MetricsServer server = MetricsServer.start(0, "streaming job", metrics.registry(), "platform.metrics.port")) {
            EndpointState state = new MetricsProbe().probe("http://127.0.0.1:" + server.port() + "/metrics");

            assertTrue(state.answered());
            assertEquals(java.util.Map.of("payments.merchant_fraud_5m", Instant.parse("2025-03-01T10:15:00.250Z")), state.progressByQuery());
        }
    }

    @Test
    void aClosedPortIsNotAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EndpointState state = new MetricsProbe().probe("http://127.0.0.1:" + port + "/metrics");

        assertFalse(state.answered());
        assertTrue(state.problem().orElseThrow().startsWith("ConnectException"), state.problem().toString());
    }
}
