package dev.sluice.cli.status;

import dev.sluice.config.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Earliest and latest offsets of topics, from Kafka's admin API; reads nothing else and joins no consumer group. */
public final class KafkaOffsetReader implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final String bootstrap;

    public KafkaOffsetReader(KafkaConfig config) {
        Properties props = new Properties();
        props.putAll(config.clientProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-status");
        this.admin = Admin.create(props);
        this.bootstrap = config.bootstrapServers();
    }

    /**
     * @return offsets per topic; a topic that does not exist is absent from the map
     * @throws IllegalStateException when Kafka cannot be reached in time, naming the brokers [retriable]
     */
    public Map<String, TopicOffsets> read(Collection<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = new HashMap<>();
            for (var entry : admin.describeTopics(topics).topicNameValues().entrySet()) {
                try {
                    descriptions.put(entry.getKey(), entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        throw e;
                    }
                }
            }
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                TopicPartition tp = new TopicPartition(d.name(), p.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            Map<TopicPartition, Long> first = offsets(admin.listOffsets(earliest));
            Map<TopicPartition, Long> last = offsets(admin.listOffsets(latest));
            Map<String, TopicOffsets> result = new LinkedHashMap<>();
            for (String topic : topics) {
                if (descriptions.containsKey(topic)) {
                    result.put(topic, new TopicOffsets(topic, only(first, topic), only(last, topic)));
                }
            }
            return result;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot read topic offsets from Kafka at " + bootstrap + ": " + cause
                    + " (is the broker up? platform.kafka.bootstrapServers) [retriable]", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topic offsets from Kafka", e);
        }
    }

    private static Map<TopicPartition, Long> offsets(ListOffsetsResult result)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, String topic) {
        Map<TopicPartition, Long> selected = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (tp.topic().equals(topic)) {
                selected.put(tp, offset);
            }
        });
        return selected;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
