package dev.sluice.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The exact offsets of one topic a replay reads, per partition {@code [start, end)}, resolved before Spark starts so
 * that the read is bounded (new records arriving meanwhile are not included) and progress has a known total.
 */
public record KafkaOffsetRange(String topic, Map<Integer, Long> start, Map<Integer, Long> end) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Offsets for records with timestamps in {@code [from, to)}; an open bound is the earliest or latest offset. */
    public static KafkaOffsetRange resolve(Admin admin, String topic, Optional<Instant> from, Optional<Instant> to) {
        try {
            var description = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> startSpec = new java.util.HashMap<>();
            Map<TopicPartition, OffsetSpec> endSpec = new java.util.HashMap<>();
            description.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
                startSpec.put(tp, from.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli())).orElse(OffsetSpec.earliest()));
                endSpec.put(tp, to.map(t -> OffsetSpec.forTimestamp(t.toEpochMilli())).orElse(OffsetSpec.latest()));
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latestOffsets = list(admin, latest);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = list(admin, startSpec);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = list(admin, endSpec);
            Map<Integer, Long> start = new TreeMap<>();
            Map<Integer, Long> end = new TreeMap<>();
            for (TopicPartition tp : latestOffsets.keySet()) {
                long last = latestOffsets.get(tp).offset();
                // forTimestamp answers -1 when no record is that late: the range then runs to the end.
                long s = starts.get(tp).offset() < 0 ? last : starts.get(tp).offset();
                long e = ends.get(tp).offset() < 0 ? last : ends.get(tp).offset();
                start.put(tp.partition(), s);
                end.put(tp.partition(), Math.max(s, e));
            }
            return new KafkaOffsetRange(topic, start, end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving offsets of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot resolve the offsets of topic " + topic + " (retriable: is Kafka reachable and the topic created?): "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> list(Admin admin, Map<TopicPartition, OffsetSpec> specs)
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(specs).all().get(30, TimeUnit.SECONDS);
    }

    public long records() {
        return start.keySet().stream().mapToLong(p -> end.get(p) - start.get(p)).sum();
    }

    /** Spark's {@code startingOffsets} JSON: {@code {"topic":{"0":12,"1":40}}}. */
    public String startingOffsetsJson() {
        return json(start);
    }

    /** Spark's {@code endingOffsets} JSON (exclusive). */
    public String endingOffsetsJson() {
        return json(end);
    }

    private String json(Map<Integer, Long> offsets) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode partitions = root.putObject(topic);
        offsets.forEach((p, o) -> partitions.put(String.valueOf(p), o));
        return root.toString();
    }
}
