package dev.sluice.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.SinkProgress;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Builds Spark's {@link StreamingQueryProgress} from the JSON Spark itself prints ({@code progress.json()}), through
 * its public constructors: Spark 3.5 has no parser for it. Lets tests use a progress report of a Kafka source without
 * running Kafka.
 */
final class ProgressJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgressJson() {
    }

    static StreamingQueryProgress resource(String name) {
        try (InputStream in = ProgressJson.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StreamingQueryProgress parse(String json) throws IOException {
        JsonNode p = JSON.readTree(json);
        StateOperatorProgress[] operators = new StateOperatorProgress[p.path("stateOperators").size()];
        for (int i = 0; i < operators.length; i++) {
            JsonNode o = p.get("stateOperators").get(i);
            operators[i] = new StateOperatorProgress(o.get("operatorName").asText(), o.get("numRowsTotal").asLong(),
                    o.get("numRowsUpdated").asLong(), o.get("allUpdatesTimeMs").asLong(), o.get("numRowsRemoved").asLong(),
                    o.get("allRemovalsTimeMs").asLong(), o.get("commitTimeMs").asLong(), o.get("memoryUsedBytes").asLong(),
                    o.get("numRowsDroppedByWatermark").asLong(), o.get("numShufflePartitions").asLong(),
                    o.get("numStateStoreInstances").asLong(), longs(o.path("customMetrics")));
        }
        SourceProgress[] sources = new SourceProgress[p.path("sources").size()];
        for (int i = 0; i < sources.length; i++) {
            JsonNode s = p.get("sources").get(i);
            sources[i] = new SourceProgress(s.get("description").asText(), offset(s.get("startOffset")), offset(s.get("endOffset")),
                    offset(s.get("latestOffset")), s.get("numInputRows").asLong(), s.get("inputRowsPerSecond").asDouble(),
                    s.get("processedRowsPerSecond").asDouble(), strings(s.path("metrics")));
        }
        JsonNode sink = p.get("sink");
        return new StreamingQueryProgress(UUID.fromString(p.get("id").asText()), UUID.fromString(p.get("runId").asText()),
                p.get("name").isNull() ? null : p.get("name").asText(), p.get("timestamp").asText(), p.get("batchId").asLong(),
                p.path("batchDuration").asLong(0), longs(p.path("durationMs")), strings(p.path("eventTime")), operators, sources,
                new SinkProgress(sink.get("description").asText(), sink.path("numOutputRows").asLong(-1), strings(sink.path("metrics"))),
                new HashMap<String, Row>());
    }

    /** Spark prints a source's offset JSON inline; its constructor takes it as text again. */
    private static String offset(JsonNode node) {
        return node == null || node.isNull() ? null : node.isTextual() ? node.asText() : node.toString();
    }

    private static Map<String, Long> longs(JsonNode node) {
        Map<String, Long> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
