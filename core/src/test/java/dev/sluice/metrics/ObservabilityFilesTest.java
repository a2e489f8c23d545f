package dev.sluice.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard, the alert rules and the Prometheus config name metrics by string; these tests fail when a
 * metric is renamed in code but not there (or the other way round), and when the wiring between the files breaks.
 */
class ObservabilityFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\bsluice_[a-z_]+\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyMetricTheDashboardAndAlertsQueryIsOneThePipelineOrGeneratorServes() throws Exception {
        Set<String> served = servedSeriesNames();
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        for (JsonNode rule : YAML.readTree(file("observability/prometheus/rules/sluice.yml").toFile()).at("/groups/0/rules")) {
            expressions.add(rule.get("expr").asText());
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                used.add(m.group());
                if (!served.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, "queried but not served");
        for (String essential : List.of("sluice_kafka_consumer_lag_records", "sluice_watermark_timestamp_seconds",
                "sluice_late_events_total", "sluice_dead_letters_total", "sluice_clickhouse_insert_duration_seconds_bucket",
                "sluice_clickhouse_insert_retries_total", "sluice_input_rows_total", "sluice_online_writes_total", "sluice_online_stale_writes_total",
                "sluice_online_write_duration_seconds_bucket", "sluice_online_errors_total")) {
            assertTrue(used.contains(essential), "the dashboard shows " + essential);
        }
    }

    @Test
    void panelsUseTheProvisionedDataSource() throws Exception {
        String uid = YAML.readTree(file("observability/grafana/provisioning/datasources/prometheus.yml").toFile())
                .at("/datasources/0/uid").asText();
        JsonNode dashboard = JSON.readTree(file("observability/grafana/dashboards/sluice.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            if (!panel.get("type").asText().equals("row")) {
                assertEquals(uid, panel.at("/datasource/uid").asText(), panel.get("title").asText());
            }
        }
        String provisionedPath = YAML.readTree(file("observability/grafana/provisioning/dashboards/sluice.yml").toFile())
                .at("/providers/0/options/path").asText();
        String compose = Files.readString(file("observability/docker-compose.observability.yml"));
        assertTrue(compose.contains("./observability/grafana/dashboards:" + provisionedPath + ":ro"), "compose mounts the dashboards where Grafana looks");
    }

    @Test
    void prometheusScrapesTheDefaultPortsOfJobAndGenerator() throws Exception {
        JsonNode config = YAML.readTree(file("observability/prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        config.get("scrape_configs").forEach(job -> job.at("/static_configs/0/targets").forEach(t -> targets.add(t.asText())));
        int jobPort = new dev.sluice.config.MetricsConfig(true, 9464).port();
        assertEquals(List.of("host.docker.internal:" + jobPort,
                "host.docker.internal:" + GeneratorMetrics.port(new dev.sluice.config.MetricsConfig(true, jobPort), null)), targets);
    }

    private static List<String> dashboardExpressions() throws Exception {
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = JSON.readTree(file("observability/grafana/dashboards/sluice.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            panel.path("targets").forEach(t -> expressions.add(t.get("expr").asText()));
        }
        dashboard.at("/templating/list").forEach(v -> expressions.add(v.get("definition").asText()));
        return expressions;
    }

    /** Series names as Prometheus stores them (histograms as _bucket, _sum, _count; counters with _total). */
    private static Set<String> servedSeriesNames() {
        Set<String> names = new TreeSet<>();
        for (CollectorRegistry registry : List.of(PipelineMetrics.withoutJvmMetrics().registry(),
                new GeneratorMetrics(new CollectorRegistry(true), System::nanoTime).registry())) {
            for (Collector.MetricFamilySamples family : Collections.list(registry.metricFamilySamples())) {
                String name = family.name;
                switch (family.type) {
                    case COUNTER -> names.add(name + "_total");
                    case HISTOGRAM -> names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
                    default -> names.add(name);
                }
            }
        }
        return names;
    }

    /** A repository file, found from the module directory Maven runs tests in. */
    private static Path file(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
