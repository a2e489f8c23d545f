package dev.sluice.metrics;

import dev.sluice.config.MetricsConfig;
import io.prometheus.client.CollectorRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class GeneratorMetricsTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final GeneratorMetrics metrics = new GeneratorMetrics(new CollectorRegistry(true), nanos::get);
    private final CollectorRegistry registry = metrics.registry();

    @Test
    void theCallbackCountsAcknowledgedEventsByKindWithTheirLatencyAndThenCallsTheNextCallback() {
        AtomicReference<Exception> seen = new AtomicReference<>();
        var callback = metrics.callback("payments", "transaction", EventKind.LATE, (md, e) -> seen.set(e));
        nanos.addAndGet(3_000_000); // Kafka acknowledges 3 ms later
        callback.onCompletion(null, null);

        assertEquals(1.0, registry.getSampleValue("sluice_generator_events_total",
                new String[] {"domain", "event_type", "kind"}, new String[] {"payments", "transaction", "late"}));
        assertEquals(0.003, registry.getSampleValue("sluice_generator_produce_latency_seconds_sum",
                new String[] {"domain", "event_type"}, new String[] {"payments", "transaction"}), 1e-9);

        TimeoutException timeout = new TimeoutException("expired");
        metrics.callback("payments", "transaction", EventKind.VALID, (md, e) -> seen.set(e)).onCompletion(null, timeout);

        assertSame(timeout, seen.get());
        assertEquals(1.0, registry.getSampleValue("sluice_generator_produce_errors_total",
                new String[] {"domain", "event_type", "error"}, new String[] {"payments", "transaction", "TimeoutException"}));
        assertEquals(null, registry.getSampleValue("sluice_generator_events_total",
                new String[] {"domain", "event_type", "kind"}, new String[] {"payments", "transaction", "valid"}),
                "an event Kafka did not acknowledge is not counted as produced");
    }

    @Test
    void eventsPerSecondAveragesTheLastTenWholeSeconds() {
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 50; i++) {
                metrics.produced("ecommerce", "page_view", EventKind.VALID, 1_000_000);
            }
            nanos.addAndGet(1_000_000_000L);
        }
        String[] domain = {"domain"};
        assertEquals(50.0, registry.getSampleValue("sluice_generator_events_per_second", domain, new String[] {"ecommerce"}));

        nanos.addAndGet(5_000_000_000L); // five silent seconds
        assertEquals(25.0, registry.getSampleValue("sluice_generator_events_per_second", domain, new String[] {"ecommerce"}));

        nanos.addAndGet(60_000_000_000L);
        assertEquals(0.0, registry.getSampleValue("sluice_generator_events_per_second", domain, new String[] {"ecommerce"}));
    }

    @Test
    void servesOnItsOwnPortUnlessDisabledAndNotAskedFor() throws Exception {
        assertEquals(java.util.Optional.empty(), metrics.serve(new MetricsConfig(false, 9464), null));
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        try (MetricsServer server = metrics.serve(new MetricsConfig(false, 9464), free).orElseThrow()) {
            assertEquals(free, server.port(), "an explicit --metrics-port serves even when platform metrics are off");
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            MetricsServerException e = org.junit.jupiter.api.Assertions.assertThrows(MetricsServerException.class,
                    () -> metrics.serve(new MetricsConfig(true, taken.getLocalPort() - 1), null));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("set --metrics-port (or platform.metrics.port, of which"
                    + " the generator uses port + 1) to a free port in config/platform.yaml"), e.getMessage());
        }
    }

    @Test
    void kindOfAGeneratedEvent() {
        assertEquals(EventKind.MALFORMED, EventKind.of(true, true));
        assertEquals(EventKind.LATE, EventKind.of(false, true));
        assertEquals(EventKind.VALID, EventKind.of(false, false));
    }

    @Test
    void portIsTheJobsPlusOneUnlessGiven() {
        assertEquals(9465, GeneratorMetrics.port(new MetricsConfig(true, 9464), null));
        assertEquals(9999, GeneratorMetrics.port(new MetricsConfig(true, 9464), 9999));
    }
}
