package dev.sluice.bench;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.generate.MalformedRecordFactory;
import dev.sluice.generate.kafka.KafkaEventSink;
import dev.sluice.generate.run.GenerateRun;
import dev.sluice.generate.run.Manifest;
import dev.sluice.replay.KafkaOffsetRange;
import dev.sluice.topics.KafkaAdmins;
import org.apache.kafka.clients.admin.Admin;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1: N events into the run's (empty) topics with the generator, as {@code bin/sluice generate --events N} would
 * write them. Event times are laid out to END well before now (a quiet gap before the live events of the freshness
 * step), with a flat density so that the number of events per window, and so the state the job keeps, does not depend
 * on the time of day the benchmark runs at.
 */
final class Preload {

    /** Quiet event time between the preloaded events and the live ones of the freshness step. */
    static final Duration GAP_BEFORE_NOW = Duration.ofMinutes(15);

    /** What was written: per topic, the exact offsets every later step reads. */
    record Result(long events, double seconds, double eventsPerSecond, Instant eventTimeFrom, Instant eventTimeTo,
                  Map<String, KafkaOffsetRange> ranges) {

        long records() {
            return ranges.values().stream().mapToLong(KafkaOffsetRange::records).sum();
        }
    }

    private Preload() {
    }

    static Result run(BenchSandbox sandbox, BenchEvents generator, long events, double eventTimeRate, long seed, PrintStream progress) {
        Duration span = Duration.ofMillis((long) Math.ceil(events / eventTimeRate * 1000));
        Instant start = Instant.now().minus(span).minus(GAP_BEFORE_NOW).truncatedTo(ChronoUnit.MINUTES);
        GenerateRun.Settings settings = new GenerateRun.Settings(null, null, Duration.ofSeconds(5), progress,
                sandbox.config().environment(), true, "kafka " + sandbox.config().platform().kafka().bootstrapServers());
        Manifest manifest;
        try (KafkaEventSink sink = generator.sink("sluice-bench-preload")) {
            manifest = new GenerateRun(generator.plan(), BenchEvents.options(seed, start, eventTimeRate, events), generator.schemas(), generator.ids(),
                    MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID, sink, settings).run();
        }
        Map<String, KafkaOffsetRange> ranges = new LinkedHashMap<>();
        try (Admin admin = KafkaAdmins.create(sandbox.config().platform().kafka())) {
            for (EventTypeConfig event : sandbox.domain().events().values()) {
                ranges.put(event.topic(), KafkaOffsetRange.resolve(admin, event.topic(), Optional.empty(), Optional.empty()));
            }
        }
        return new Result(manifest.validEvents(), manifest.elapsedSeconds(), manifest.eventsPerSecond(), Instant.ofEpochMilli(manifest.eventTimeMinMillis()),
                Instant.ofEpochMilli(manifest.eventTimeMaxMillis()), ranges);
    }
}
