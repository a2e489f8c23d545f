package dev.sluice.bench;

import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.EventStream;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.MalformedRecordFactory;
import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.run.Partitioner;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Live events at a fixed rate for the freshness step: the generator with an event-time density equal to the rate,
 * starting now, so each event is sent when the wall clock reaches its event time (as a live source would) and
 * event time tracks the clock. Unlike {@code bin/sluice generate --rate}, it notes when each event was handed to the
 * producer, per window of each measured aggregation of its event type.
 */
final class PacedLoad {

    /** One measured aggregation's recorder. */
    record Recorder(FreshnessTarget target, WindowArrivals arrivals) {
    }

    /**
     * @param maxBehindMillis the most an event was sent after its due time (the generator could not keep up when
     *                        this grows beyond a few hundred ms; the measured rate is then below the target)
     */
    record Result(long events, double seconds, long maxBehindMillis) {
        double eventsPerSecond() {
            return events / Math.max(seconds, 1e-9);
        }
    }

    private final BenchEvents generator;
    private final double rate;
    private final long seed;
    private final Duration duration;
    private final Map<String, List<Recorder>> recordersByEvent;

    PacedLoad(BenchEvents generator, double rate, long seed, Duration duration, Map<String, List<Recorder>> recordersByEvent) {
        this.generator = generator;
        this.rate = rate;
        this.seed = seed;
        this.duration = duration;
        this.recordersByEvent = recordersByEvent;
    }

    Result run() throws InterruptedException {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long startMillis = start.toEpochMilli();
        long endMillis = startMillis + duration.toMillis();
        EventStream stream = EventGenerator.stream(generator.plan(), BenchEvents.options(seed, start, rate, Long.MAX_VALUE));
        EventEncoder encoder = new EventEncoder(generator.schemas(), generator.ids(), seed, GeneratorOptions.DEFAULT_OLD_SCHEMA_FRACTION,
                MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID);
        int types = generator.plan().events().size();
        int[] partitions = new int[types];
        String[] topics = new String[types];
        @SuppressWarnings("unchecked")
        List<Recorder>[] recorders = new List[types];
        long sent = 0;
        long maxBehind = 0;
        try (KafkaEventSink sink = generator.sink("sluice-bench-live")) {
            generator.plan().events().forEach(e -> {
                partitions[e.index()] = sink.partitions(e.topic());
                topics[e.index()] = e.topic();
                recorders[e.index()] = recordersByEvent.getOrDefault(e.name(), List.of());
            });
            while (stream.hasNext()) {
                GeneratedEvent event = stream.next();
                long due = event.eventTime();
                if (due >= endMillis) {
                    break;
                }
                long now = System.currentTimeMillis();
                if (due > now) {
                    Thread.sleep(due - now);
                } else {
                    maxBehind = Math.max(maxBehind, now - due);
                }
                EventEncoder.Encoded encoded = encoder.encode(event);
                int type = event.plan().index();
                sink.send(topics[type], Partitioner.partition(encoded.key(), encoded.value(), partitions[type]), encoded.key(), encoded.value());
                long produced = System.currentTimeMillis();
                for (Recorder recorder : recorders[type]) {
                    recorder.arrivals().add(recorder.target().windowStart(event.eventTime()), produced);
                }
                sent++;
            }
            sink.flush();
        }
        return new Result(sent, (System.currentTimeMillis() - startMillis) / 1e3, maxBehind);
    }
}
