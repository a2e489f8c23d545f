package dev.sluice.generate.run;

import dev.sluice.generate.EventPlan;
import dev.sluice.generate.FraudPattern;
import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.GeneratorPlan;
import dev.sluice.generate.MalformedKind;
import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.WriterSchemas;

import java.time.Instant;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts what a run sent, per event type: valid, late, malformed by kind, fraud, event-time range, schema versions,
 * and the per-partition digests. Updated by the producing thread; the per-type totals may be read by the progress
 * thread at any time.
 */
final class RunStats {

    private static final MalformedKind[] KINDS = MalformedKind.values();

    private final List<EventPlan> types;
    private final AtomicLongArray valid;
    private final AtomicLongArray malformed;
    private final long[] late;
    private final long[][] malformedByKind;
    private final long[] fraud;
    private final long[] minTime;
    private final long[] maxTime;
    private final Map<WriterSchemas.Version, long[]> versionCounts = new IdentityHashMap<>();
    private final Map<FraudPattern, Long> fraudByPattern = new EnumMap<>(FraudPattern.class);
    private final TopicDigest[] digests;

    RunStats(GeneratorPlan plan, EventSink sink) {
        this.types = plan.events();
        int n = types.size();
        this.valid = new AtomicLongArray(n);
        this.malformed = new AtomicLongArray(n);
        this.late = new long[n];
        this.malformedByKind = new long[n][KINDS.length];
        this.fraud = new long[n];
        this.minTime = new long[n];
        this.maxTime = new long[n];
        java.util.Arrays.fill(minTime, Long.MAX_VALUE);
        java.util.Arrays.fill(maxTime, Long.MIN_VALUE);
        this.digests = new TopicDigest[n];
        for (EventPlan type : types) {
            digests[type.index()] = new TopicDigest(sink.partitions(type.topic()));
        }
    }

    void record(GeneratedEvent event, EventEncoder.Encoded encoded, int partition) {
        int type = event.plan().index();
        digests[type].add(partition, encoded.key(), encoded.value());
        MalformedKind kind = event.malformed();
        if (kind != null) {
            malformedByKind[type][kind.ordinal()]++;
            malformed.incrementAndGet(type);
            return;
        }
        valid.incrementAndGet(type);
        if (event.late()) {
            late[type]++;
        }
        if (event.fraudulent()) {
            fraud[type]++;
            if (event.fraudPattern() != null) {
                fraudByPattern.merge(event.fraudPattern(), 1L, Long::sum);
            }
        }
        long time = event.eventTime();
        if (time < minTime[type]) {
            minTime[type] = time;
        }
        if (time > maxTime[type]) {
            maxTime[type] = time;
        }
        versionCounts.computeIfAbsent(encoded.version(), v -> new long[1])[0]++;
    }

    long valid(int type) {
        return valid.get(type);
    }

    long validTotal() {
        long total = 0;
        for (int i = 0; i < valid.length(); i++) {
            total += valid.get(i);
        }
        return total;
    }

    long malformedTotal() {
        long total = 0;
        for (int i = 0; i < malformed.length(); i++) {
            total += malformed.get(i);
        }
        return total;
    }

    long lateTotal() {
        long total = 0;
        for (long l : late) {
            total += l;
        }
        return total;
    }

    List<EventPlan> types() {
        return types;
    }

    /** Builds the per-topic part of the manifest; offsets come from the sink when it has them. */
    Map<String, Manifest.Topic> topics(Map<WriterSchemas.Version, Integer> schemaIds, Map<String, Map<Integer, EventSink.OffsetRange>> offsets) {
        Map<String, Manifest.Topic> topics = new LinkedHashMap<>();
        for (EventPlan type : types) {
            int t = type.index();
            Map<String, Long> kinds = new LinkedHashMap<>();
            for (MalformedKind kind : KINDS) {
                kinds.put(kind.name(), malformedByKind[t][kind.ordinal()]);
            }
            Map<String, Manifest.SchemaVersionCount> versions = new LinkedHashMap<>();
            versionCounts.forEach((version, count) -> {
                if (version.event() == type) {
                    versions.put("v" + version.number(), new Manifest.SchemaVersionCount(version.number(), schemaIds.get(version), count[0]));
                }
            });
            TopicDigest digest = digests[t];
            Map<Integer, EventSink.OffsetRange> topicOffsets = offsets.getOrDefault(type.topic(), Map.of());
            Map<String, Manifest.Partition> partitions = new LinkedHashMap<>();
            long messages = 0;
            for (int p = 0; p < digest.partitionCount(); p++) {
                long count = digest.count(p);
                if (count == 0) {
                    continue;
                }
                messages += count;
                EventSink.OffsetRange range = topicOffsets.get(p);
                partitions.put(Integer.toString(p), new Manifest.Partition(count, digest.partitionHex(p),
                        range == null ? null : range.first(), range == null ? null : range.last()));
            }
            boolean any = valid.get(t) > 0;
            topics.put(type.topic(), new Manifest.Topic(type.name(), valid.get(t), late[t], malformed.get(t), kinds, fraud[t],
                    any ? minTime[t] : null, any ? maxTime[t] : null, versions, partitions, messages, digest.topicHex()));
        }
        return topics;
    }

    Map<String, Long> malformedByKindTotal() {
        Map<String, Long> kinds = new LinkedHashMap<>();
        for (MalformedKind kind : KINDS) {
            long total = 0;
            for (long[] perType : malformedByKind) {
                total += perType[kind.ordinal()];
            }
            kinds.put(kind.name(), total);
        }
        return kinds;
    }

    Map<String, Long> fraudByPattern() {
        Map<String, Long> patterns = new LinkedHashMap<>();
        for (FraudPattern pattern : FraudPattern.values()) {
            patterns.put(pattern.configName(), fraudByPattern.getOrDefault(pattern, 0L));
        }
        return patterns;
    }

    long fraudTotal() {
        long total = 0;
        for (long f : fraud) {
            total += f;
        }
        return total;
    }

    Long minTime() {
        long min = Long.MAX_VALUE;
        for (long m : minTime) {
            min = Math.min(min, m);
        }
        return min == Long.MAX_VALUE ? null : min;
    }

    Long maxTime() {
        long max = Long.MIN_VALUE;
        for (long m : maxTime) {
            max = Math.max(max, m);
        }
        return max == Long.MIN_VALUE ? null : max;
    }

    static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
