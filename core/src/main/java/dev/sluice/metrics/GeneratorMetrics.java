package dev.sluice.metrics;

import dev.sluice.config.MetricsConfig;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.hotspot.DefaultExports;
import org.apache.kafka.clients.producer.Callback;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Metrics of the event generator, on the same conventions as the pipeline's ({@code sluice_generator_*}), in their
 * own registry served on their own port ({@link #port}).
 *
 * <p>The simplest wiring is {@link #callback}: pass it to {@code producer.send} and every acknowledgement or error is
 * counted with its latency.
 */
public final class GeneratorMetrics {

    /** Seconds the events-per-second gauge averages over: long enough to be steady, short enough to follow a change of rate. */
    static final int RATE_WINDOW_SECONDS = 10;

    private final Counter events = Counter.build("sluice_generator_events_total",
            "Events the generator produced and Kafka acknowledged, by intended kind (valid, late, malformed).")
            .labelNames("domain", "event_type", "kind").create();
    private final Counter errors = Counter.build("sluice_generator_produce_errors_total",
            "Events Kafka did not acknowledge, by error class.").labelNames("domain", "event_type", "error").create();
    private final Histogram latency = Histogram.build("sluice_generator_produce_latency_seconds",
                    "Time from send to Kafka's acknowledgement.")
            .labelNames("domain", "event_type")
            .buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5).create();
    private final Gauge rate = Gauge.build("sluice_generator_events_per_second",
            "Acknowledged events per second over the last " + RATE_WINDOW_SECONDS + " seconds.").labelNames("domain").create();

    private final CollectorRegistry registry;
    private final LongSupplier nanoClock;
    private final Map<String, RateWindow> rates = new ConcurrentHashMap<>();

    GeneratorMetrics(CollectorRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.nanoClock = nanoClock;
        registry.register(events);
        registry.register(errors);
        registry.register(latency);
        registry.register(rate);
    }

    /** A fresh registry with the generator's metrics and the JVM's. */
    public static GeneratorMetrics create() {
        GeneratorMetrics metrics = new GeneratorMetrics(new CollectorRegistry(true), System::nanoTime);
        DefaultExports.register(metrics.registry);
        return metrics;
    }

    /**
     * The generator's port: {@code --metrics-port} when given, else {@code platform.metrics.port + 1} so that it
     * runs next to a streaming job on the same machine.
     */
    public static int port(MetricsConfig config, Integer override) {
        if (override != null) {
            return override;
        }
        return config.port() + 1;
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /**
     * Serves these metrics on {@link #port}: always when {@code --metrics-port} was given, otherwise when
     * {@code platform.metrics.enabled}. Close the returned server when the generator ends.
     *
     * @throws MetricsServerException when the port is taken, naming --metrics-port and platform.metrics.port
     */
    public Optional<MetricsServer> serve(MetricsConfig config, Integer portOverride) {
        if (portOverride == null && !config.enabled()) {
            return Optional.empty();
        }
        return Optional.of(MetricsServer.start(port(config, portOverride), "generator", registry,
                portOverride != null ? "--metrics-port" : "--metrics-port (or platform.metrics.port, of which the generator uses port + 1)"));
    }

    /** Kafka acknowledged one event of {@code eventType} sent {@code latencyNanos} ago. */
    public void produced(String domain, String eventType, EventKind kind, long latencyNanos) {
        events.labels(domain, eventType, kind.label()).inc();
        latency.labels(domain, eventType).observe(latencyNanos / 1e9);
        rateOf(domain).add(1);
    }

    /** Kafka did not acknowledge one event; {@code error} is what the send callback got. */
    public void produceFailed(String domain, String eventType, Throwable error) {
        errors.labels(domain, eventType, error == null ? "unknown" : error.getClass().getSimpleName()).inc();
    }

    /**
     * A producer callback that records the outcome of one send, then calls {@code next} (may be null). Create it
     * right before {@code send}: the latency is measured from its creation.
     */
    public Callback callback(String domain, String eventType, EventKind kind, Callback next) {
        long sentAt = nanoClock.getAsLong();
        return (metadata, exception) -> {
            if (exception == null) {
                produced(domain, eventType, kind, nanoClock.getAsLong() - sentAt);
            } else {
                produceFailed(domain, eventType, exception);
            }
            if (next != null) {
                next.onCompletion(metadata, exception);
            }
        };
    }

    public Callback callback(String domain, String eventType, EventKind kind) {
        return callback(domain, eventType, kind, null);
    }

    private RateWindow rateOf(String domain) {
        return rates.computeIfAbsent(domain, d -> {
            RateWindow window = new RateWindow(RATE_WINDOW_SECONDS, nanoClock);
            rate.setChild(new Gauge.Child() {
                @Override
                public double get() {
                    return window.perSecond();
                }
            }, d);
            return window;
        });
    }
}
