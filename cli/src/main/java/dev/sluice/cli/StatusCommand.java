package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.status.CheckpointReader;
import dev.sluice.cli.status.ClickHouseCountsReader;
import dev.sluice.cli.status.KafkaOffsetReader;
import dev.sluice.cli.status.MetricsProbe;
import dev.sluice.cli.status.StatusGatherer;
import dev.sluice.cli.status.StatusReport;
import dev.sluice.cli.status.StatusTable;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.LoadedConfig;
import dev.sluice.config.RetryConfig;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each streaming query of an environment: running or stopped, last committed batch, watermark, Kafka lag"
                + " and what ClickHouse holds; then, per domain, where every produced event went.",
                "Works whether the job runs or not: it reads the checkpoints, Kafka's offsets and ClickHouse directly."})
public final class StatusCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain.")
    String domain;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "The streaming job's Prometheus endpoint (default: http://127.0.0.1:<platform.metrics.port>/metrics);"
                    + " set it when the driver runs on another host.")
    String metricsUrl;

    @Override
    public Integer call() {
        LoadedConfig loaded = Configs.loadWithSecrets(env);
        SluiceConfig config = loaded.config();
        List<DomainConfig> domains = domain != null ? List.of(config.domain(domain)) : List.copyOf(config.domains().values());
        List<String> notes = new ArrayList<>();
        String url = metricsUrl != null ? metricsUrl
                : "http://127.0.0.1:" + config.platform().metrics().port() + "/metrics";
        Optional<ClickHouseConnection> clickHouse = connect(config.platform().clickhouse(), notes);
        try (KafkaOffsetReader kafka = new KafkaOffsetReader(config.platform().kafka())) {
            StatusGatherer gatherer = new StatusGatherer(config, Configs.home(), new MetricsProbe(), new CheckpointReader(), kafka::read,
                    clickHouse.map(c -> new ClickHouseCountsReader(c, c.database())), Clock.systemUTC());
            StatusReport report = gatherer.gather(domains, url, notes);
            StringWriter text = new StringWriter();
            StatusTable.print(report, new PrintWriter(text));
            // Error messages quote what servers said; mask any secret value that might be among them.
            System.out.print(loaded.masker().mask(text.toString()));
            return 0;
        } finally {
            clickHouse.ifPresent(ClickHouseConnection::close);
        }
    }

    /** A client that tries each query once: status should answer in seconds, not wait out the sink's insert retries. */
    private static Optional<ClickHouseConnection> connect(ClickHouseConfig config, List<String> notes) {
        try {
            return Optional.of(ClickHouseConnection.open(new ClickHouseConfig(config.url(), config.database(), config.username(),
                    config.password(), config.cluster(), new RetryConfig(1, Duration.ZERO, Duration.ZERO))));
        } catch (SinkException e) {
            notes.add("ClickHouse: " + e.getMessage());
            return Optional.empty();
        }
    }
}
