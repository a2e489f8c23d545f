package dev.sluice.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One file of a checkpoint's commit log, {@code commits/<batchId>}, written when batch {@code batchId} has finished
 * (its sink returned): {@code v1} then {@code {"nextBatchWatermarkMs":...}}, the watermark the next batch will use.
 */
public record CommitLogEntry(long batchId, long nextBatchWatermarkMs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static CommitLogEntry parse(long batchId, String text) {
        List<String> lines = CheckpointText.lines(text);
        CheckpointText.requireVersion(lines, "commits/" + batchId);
        long watermark = 0;
        if (lines.size() > 1) {
            try {
                watermark = JSON.readTree(lines.get(1)).path("nextBatchWatermarkMs").asLong(0);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("commits/" + batchId + ": second line is not JSON: " + e.getOriginalMessage() + " [bad data]");
            }
        }
        return new CommitLogEntry(batchId, watermark);
    }

    /** The watermark after this batch, empty when no event has moved it yet. */
    public Optional<Instant> watermark() {
        return nextBatchWatermarkMs > 0 ? Optional.of(Instant.ofEpochMilli(nextBatchWatermarkMs)) : Optional.empty();
    }
}
