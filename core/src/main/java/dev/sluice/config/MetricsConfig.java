package dev.sluice.config;

public record MetricsConfig(
        @Default("true") @Doc("Serve Prometheus metrics from the driver.") boolean enabled,
        @Default("9464") @Doc("Port of the Prometheus endpoint.") int port) {
}
