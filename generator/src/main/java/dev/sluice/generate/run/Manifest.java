package dev.sluice.generate.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a generate run produced, written as JSON by {@code --manifest FILE}: enough for a test to reconcile downstream
 * aggregates (counts per topic, late and malformed counts, event-time range, fraud labels) and to re-create the exact
 * events with the pure generator (seed, start time and every option). Field names are part of the contract with
 * tests and scripts; add fields, never rename them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String domain,
        String environment,
        long seed,
        boolean seeded,
        String startTime,
        long startTimeMillis,
        Options options,
        long validEvents,
        long lateEvents,
        long malformedEvents,
        Map<String, Long> malformedByKind,
        Long eventTimeMinMillis,
        Long eventTimeMaxMillis,
        String eventTimeMin,
        String eventTimeMax,
        long sessions,
        Fraud fraud,
        Map<String, Topic> topics,
        int unknownSchemaId,
        String sink,
        double elapsedSeconds,
        double eventsPerSecond,
        boolean complete) {

    /** The options of the run, so the pure generator can reproduce it. Durations as ISO-8601 (PT10M). */
    public record Options(double eventTimeRate, double diurnalAmplitude, double lateFraction, String lateMaxDelay,
                          String lateDistribution, double malformedFraction, double oldSchemaFraction, Long maxEvents,
                          Double rate, String duration) {
    }

    public record Fraud(String event, String labelField, double rate, long labelled, long episodes, Map<String, Long> byPattern) {
    }

    /** One topic (event type). Malformed messages are in the partitions' counts and digests, not in valid. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Topic(String eventType, long valid, long late, long malformed, Map<String, Long> malformedByKind,
                        long fraud, Long eventTimeMinMillis, Long eventTimeMaxMillis,
                        Map<String, SchemaVersionCount> schemaVersions, Map<String, Partition> partitions, long messages,
                        String sha256) {
    }

    /** Valid messages written with one schema version (malformed ones are not counted here). */
    public record SchemaVersionCount(int version, int schemaId, long count) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Partition(long count, String sha256, Long firstOffset, Long lastOffset) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest to " + file + ": " + e.getMessage(), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException("bug: manifest not serialisable", e);
        }
    }

    public static Manifest read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
