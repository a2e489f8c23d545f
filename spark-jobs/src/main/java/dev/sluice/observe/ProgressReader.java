package dev.sluice.observe;

import dev.sluice.metrics.KafkaOffsets;
import dev.sluice.metrics.QueryId;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns Spark's {@link StreamingQueryProgress} into a {@link ProgressSnapshot}. */
public final class ProgressReader {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReader.class);

    private ProgressReader() {
    }

    public static ProgressSnapshot read(StreamingQueryProgress progress) {
        QueryId query = QueryId.parse(progress.name() != null ? progress.name() : String.valueOf(progress.id()));
        long stateRows = 0;
        long stateBytes = 0;
        for (StateOperatorProgress operator : nullToEmpty(progress.stateOperators())) {
            stateRows += operator.numRowsTotal();
            stateBytes += operator.memoryUsedBytes();
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        Map<TopicPartition, Long> latest = new HashMap<>();
        for (SourceProgress source : nullToEmpty(progress.sources())) {
            // Only Kafka sources have per-partition offsets; a rate or memory source (tests, demos) is skipped.
            if (KafkaOffsets.isKafkaOffsets(source.endOffset())) {
                end.putAll(KafkaOffsets.parse(source.endOffset()));
                if (KafkaOffsets.isKafkaOffsets(source.latestOffset())) {
                    latest.putAll(KafkaOffsets.parse(source.latestOffset()));
                }
            }
        }
        return new ProgressSnapshot(query, progress.batchId(), instant(progress.timestamp()).orElse(Instant.EPOCH),
                progress.numInputRows(), progress.inputRowsPerSecond(), progress.processedRowsPerSecond(),
                Optional.ofNullable(progress.durationMs() == null ? null : progress.durationMs().get("triggerExecution")).map(Duration::ofMillis),
                watermark(progress.eventTime()), stateRows, stateBytes, end, latest);
    }

    /**
     * Spark reports the watermark as ISO-8601 in UTC, and as the epoch until the first batch with events moves it:
     * that is "no watermark yet", not an event time in 1970.
     */
    static Optional<Instant> watermark(Map<String, String> eventTime) {
        if (eventTime == null) {
            return Optional.empty();
        }
        return instant(eventTime.get("watermark")).filter(w -> w.isAfter(Instant.EPOCH));
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            LOG.warn("ignoring a progress timestamp Spark reported in an unexpected form: '{}'", text);
            return Optional.empty();
        }
    }

    private static <T> List<T> nullToEmpty(T[] array) {
        return array == null ? List.of() : Arrays.asList(array);
    }
}
