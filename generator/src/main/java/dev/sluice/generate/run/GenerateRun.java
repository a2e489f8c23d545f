package dev.sluice.generate.run;

import dev.sluice.metrics.EventKind;
import dev.sluice.metrics.GeneratorMetrics;
import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.EventStream;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;

import java.io.PrintStream;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One generate run: pulls events from the pure {@link EventStream}, encodes them, sends them to the sink (paced when
 * a rate is set), prints progress and returns the {@link Manifest}. Stops after the stream's {@code maxEvents}, after
 * {@code duration}, or when {@link #requestStop()} is called (Ctrl-C), always flushing what was sent.
 */
public final class GenerateRun {

    /**
     * @param rate          events per second of wall-clock time, or null for as fast as possible; the run is paced on
     *                      event time, with the simulated clock running {@code rate / eventTimeRate} times the wall clock
     * @param duration      stop after this long, or null
     * @param progress      where progress lines go (stderr), or null for none
     * @param environment   environment name for the manifest
     * @param seeded        whether the seed was given (else it was drawn and is only recorded)
     * @param sinkName      what the sink is, for the manifest ("kafka 127.0.0.1:39092", "discard")
     */
    public record Settings(Double rate, Duration duration, Duration progressInterval, PrintStream progress,
                           String environment, boolean seeded, String sinkName) {
    }

    private final GeneratorPlan plan;
    private final GeneratorOptions options;
    private final WriterSchemas schemas;
    private final SchemaIds schemaIds;
    private final int unknownSchemaId;
    private final EventSink sink;
    private final Settings settings;
    private volatile boolean stopRequested;
    private GeneratorMetrics metrics;

    /** Counts every acknowledged message in {@code metrics} (sluice_generator_*), by event type and kind. */
    public GenerateRun withMetrics(GeneratorMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    public GenerateRun(GeneratorPlan plan, GeneratorOptions options, WriterSchemas schemas, SchemaIds schemaIds,
                       int unknownSchemaId, EventSink sink, Settings settings) {
        this.plan = plan;
        this.options = options;
        this.schemas = schemas;
        this.schemaIds = schemaIds;
        this.unknownSchemaId = unknownSchemaId;
        this.sink = sink;
        this.settings = settings;
    }

    /** Ends the run after the current event (the producer is still flushed and the manifest written). */
    public void requestStop() {
        stopRequested = true;
    }

    public Manifest run() {
        EventStream stream = EventGenerator.stream(plan, options);
        EventEncoder encoder = new EventEncoder(schemas, schemaIds, options.seed(), options.oldSchemaFraction(), unknownSchemaId);
        RunStats stats = new RunStats(plan, sink);
        int types = plan.events().size();
        int[] partitions = new int[types];
        String[] topics = new String[types];
        plan.events().forEach(e -> {
            partitions[e.index()] = sink.partitions(e.topic());
            topics[e.index()] = e.topic();
        });
        long start = System.nanoTime();
        EventTimePacer pacer = settings.rate() == null ? null
                : new EventTimePacer(start, options.startTime().toEpochMilli(), settings.rate() / options.eventTimeRate());
        long deadline = settings.duration() == null ? Long.MAX_VALUE : start + settings.duration().toNanos();
        ProgressReporter progress = settings.progress() == null ? null
                : new ProgressReporter(stats, settings.progress(), "generate " + plan.domain().name(),
                        options.maxEvents() == Long.MAX_VALUE ? -1 : options.maxEvents(), settings.progressInterval(), start);
        if (progress != null) {
            progress.start();
        }
        long sent = 0;
        boolean complete = true;
        try {
            while (stream.hasNext()) {
                if (stopRequested) {
                    complete = false;
                    break;
                }
                if ((sent & 255) == 0 && System.nanoTime() >= deadline) {
                    break;
                }
                GeneratedEvent event = stream.next();
                if (pacer != null && event.valid() && !event.late()) {
                    pacer.pace(event.eventTime());
                }
                EventEncoder.Encoded encoded = encoder.encode(event);
                int type = event.plan().index();
                int partition = Partitioner.partition(encoded.key(), encoded.value(), partitions[type]);
                if (metrics == null) {
                    sink.send(topics[type], partition, encoded.key(), encoded.value());
                } else {
                    sink.send(topics[type], partition, encoded.key(), encoded.value(),
                            metrics.callback(plan.domain().name(), event.eventType(), EventKind.of(!event.valid(), event.late())));
                }
                stats.record(event, encoded, partition);
                sent++;
            }
            sink.flush();
        } finally {
            if (progress != null) {
                progress.close();
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return manifest(stream, stats, elapsed, complete);
    }

    private Manifest manifest(EventStream stream, RunStats stats, double elapsed, boolean complete) {
        Map<WriterSchemas.Version, Integer> ids = new IdentityHashMap<>();
        schemas.all().values().forEach(versions -> versions.forEach(v -> ids.put(v, schemaIds.idOf(v))));
        Manifest.Options opts = new Manifest.Options(options.eventTimeRate(), options.diurnalAmplitude(), options.lateFraction(),
                options.lateMaxDelay().toString(), options.lateDistribution().name(), options.malformedFraction(),
                options.oldSchemaFraction(), options.maxEvents() == Long.MAX_VALUE ? null : options.maxEvents(),
                settings.rate(), settings.duration() == null ? null : settings.duration().toString());
        Manifest.Fraud fraud = null;
        if (plan.fraudLabelField() != null) {
            var config = plan.domain().generator().fraud();
            fraud = new Manifest.Fraud(config.event(), config.labelField(), config.rate(), stats.fraudTotal(),
                    stream.fraudEpisodes(), stats.fraudByPattern());
        }
        long valid = stats.validTotal();
        return new Manifest(plan.domain().name(), settings.environment(), options.seed(), settings.seeded(),
                options.startTime().toString(), options.startTime().toEpochMilli(), opts, valid, stats.lateTotal(),
                stats.malformedTotal(), stats.malformedByKindTotal(), stats.minTime(), stats.maxTime(),
                RunStats.iso(stats.minTime()), RunStats.iso(stats.maxTime()), stream.sessions(), fraud,
                stats.topics(ids, sink.offsets()), unknownSchemaId, settings.sinkName(), elapsed,
                valid / Math.max(1e-9, elapsed), complete);
    }
}
