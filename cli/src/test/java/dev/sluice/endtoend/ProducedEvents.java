package dev.sluice.endtoend;

import dev.sluice.config.DomainConfig;
import dev.sluice.generate.EventGenerator;
import dev.sluice.generate.EventStream;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.generate.run.Manifest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generate run put into Kafka, re-created from its manifest: the manifest's seed and options rebuild the pure
 * event stream ({@code EventGenerator.stream}), and each event is matched with the partition it was sent to. Offsets
 * follow from the send order: one idempotent producer keeps per-partition order, and every topic is new, so the n-th
 * message sent to a partition has offset {@code firstOffset + n}.
 */
final class ProducedEvents {

    record Send(String topic, int partition) {
    }

    /** One Kafka message: the event it carries (valid or malformed) and where it is. */
    record Positioned(GeneratedEvent event, String topic, int partition, long offset) {
        InputEvent input() {
            Map<String, Object> fields = new HashMap<>(event.asMap());
            return new InputEvent(event.eventId(), event.eventTime(), fields, partition, offset);
        }
    }

    private final Manifest manifest;
    private final List<Send> sends;

    ProducedEvents(Manifest manifest, List<Send> sends) {
        this.manifest = manifest;
        this.sends = List.copyOf(sends);
    }

    Manifest manifest() {
        return manifest;
    }

    /** The generator options the manifest records, which must reproduce the run event for event. */
    GeneratorOptions options() {
        Manifest.Options o = manifest.options();
        return new GeneratorOptions(manifest.seed(), Instant.ofEpochMilli(manifest.startTimeMillis()), o.eventTimeRate(),
                o.diurnalAmplitude(), o.lateFraction(), Duration.parse(o.lateMaxDelay()),
                GeneratorOptions.LateDistribution.valueOf(o.lateDistribution()), o.malformedFraction(), o.oldSchemaFraction(),
                o.maxEvents() == null ? Long.MAX_VALUE : o.maxEvents());
    }

    /** Every message of the run in send order, with its Kafka coordinates. */
    List<Positioned> positioned(DomainConfig domain) {
        Map<String, Long> next = new HashMap<>();
        List<Positioned> out = new ArrayList<>(sends.size());
        EventStream stream = EventGenerator.stream(domain, options());
        for (Send send : sends) {
            if (!stream.hasNext()) {
                throw new AssertionError("the manifest's options re-create fewer events (" + out.size() + ") than were sent (" + sends.size() + ")");
            }
            GeneratedEvent event = stream.next();
            if (!event.topic().equals(send.topic())) {
                throw new AssertionError("message " + out.size() + " went to " + send.topic() + " but the re-created event belongs to "
                        + event.topic() + ": the manifest does not reproduce the run");
            }
            String key = send.topic() + "/" + send.partition();
            long offset = next.computeIfAbsent(key, k -> firstOffset(send.topic(), send.partition()));
            next.put(key, offset + 1);
            out.add(new Positioned(event, send.topic(), send.partition(), offset));
        }
        if (stream.hasNext()) {
            throw new AssertionError("the manifest's options re-create more events than the " + sends.size() + " sent");
        }
        // The manifest's per-partition offsets come from Kafka's acknowledgements: they must agree with the send order.
        manifest.topics().forEach((topic, t) -> t.partitions().forEach((partition, p) -> {
            Long last = next.get(topic + "/" + partition);
            if (p.lastOffset() != null && (last == null || last - 1 != p.lastOffset())) {
                throw new AssertionError("Kafka acknowledged " + topic + "/" + partition + " up to offset " + p.lastOffset()
                        + " but the send order ends at " + (last == null ? "nothing" : last - 1));
            }
        }));
        return out;
    }

    private long firstOffset(String topic, int partition) {
        Manifest.Topic t = manifest.topics().get(topic);
        Manifest.Partition p = t == null ? null : t.partitions().get(String.valueOf(partition));
        return p == null || p.firstOffset() == null ? 0 : p.firstOffset();
    }
}
