package dev.sluice.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.TimeoutException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Creates missing topics and compares existing ones with their config. An existing topic is never silently used
 * with fewer partitions than configured: that is drift, reported (and repaired only with {@code fix}).
 */
public final class TopicApplier {

    private final Admin admin;
    private final String bootstrap;

    public TopicApplier(Admin admin, String bootstrapServersForMessages) {
        this.admin = admin;
        this.bootstrap = bootstrapServersForMessages;
    }

    public List<TopicReport> apply(List<TopicSpec> specs, boolean fix) {
        List<TopicReport> reports = new ArrayList<>();
        for (TopicSpec spec : specs) {
            Optional<ObservedTopic> observed = observe(spec.name());
            if (observed.isEmpty()) {
                reports.add(create(spec, fix));
                continue;
            }
            List<TopicDrift> drifts = TopicDiff.compare(spec, observed.get());
            List<String> actions = new ArrayList<>();
            List<TopicDrift> remaining = new ArrayList<>(drifts);
            if (fix) {
                remaining.removeIf(d -> d.fixable() && repair(spec, d, actions));
            }
            TopicReport.Status status;
            if (!actions.isEmpty() && remaining.stream().noneMatch(TopicDrift::failing)) {
                status = TopicReport.Status.FIXED;
            } else if (remaining.isEmpty()) {
                status = TopicReport.Status.IN_SYNC;
            } else {
                status = TopicReport.Status.DRIFT;
            }
            reports.add(new TopicReport(spec, status, remaining, actions));
        }
        return reports;
    }

    /** The topic as the cluster has it, or empty when it does not exist. */
    public Optional<ObservedTopic> observe(String topic) {
        TopicDescription description;
        try {
            description = await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic), "describe topic " + topic);
        } catch (TopicsException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
        int replication = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = await(admin.describeConfigs(List.of(resource)).values().get(resource), "read configs of topic " + topic);
        Map<String, String> configs = new HashMap<>();
        for (ConfigEntry entry : config.entries()) {
            if (entry.value() != null) {
                configs.put(entry.name(), entry.value());
            }
        }
        return Optional.of(new ObservedTopic(topic, description.partitions().size(), replication, configs));
    }

    private TopicReport create(TopicSpec spec, boolean fix) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(new LinkedHashMap<>(spec.configs()));
        try {
            await(admin.createTopics(List.of(topic)).all(), "create topic " + spec.name());
        } catch (TopicsException e) {
            if (e.getCause() instanceof TopicExistsException) {
                // Created concurrently by someone else: compare it like any existing topic.
                return apply(List.of(spec), fix).get(0);
            }
            throw e;
        }
        return new TopicReport(spec, TopicReport.Status.CREATED, List.of(),
                List.of("created"));
    }

    private boolean repair(TopicSpec spec, TopicDrift drift, List<String> actions) {
        switch (drift.kind()) {
            case FEWER_PARTITIONS -> {
                await(admin.createPartitions(Map.of(spec.name(), NewPartitions.increaseTo(spec.partitions()))).all(),
                        "add partitions to " + spec.name());
                actions.add("partitions increased from " + drift.actual() + " to " + spec.partitions()
                        + " (keys now map to different partitions; per-key order holds only within each side of the change)");
                return true;
            }
            case CONFIG -> {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
                Collection<AlterConfigOp> ops = List.of(new AlterConfigOp(new ConfigEntry(drift.setting(), drift.configured()), AlterConfigOp.OpType.SET));
                await(admin.incrementalAlterConfigs(Map.of(resource, ops)).all(), "set " + drift.setting() + " on " + spec.name());
                actions.add(drift.setting() + " set from " + drift.actual() + " to " + drift.configured());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicsException(TopicsException.Kind.RETRIABLE, "interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "cannot " + what + " on Kafka at " + bootstrap + ": " + cause.getMessage();
            if (cause instanceof UnknownTopicOrPartitionException || cause instanceof TopicExistsException) {
                throw new TopicsException(TopicsException.Kind.BUG, message, cause);
            }
            if (cause instanceof TimeoutException || cause instanceof RetriableException) {
                throw new TopicsException(TopicsException.Kind.RETRIABLE, message + " (retriable: is the cluster up and kafka.bootstrapServers right?)", cause);
            }
            if (cause instanceof InvalidReplicationFactorException) {
                throw new TopicsException(TopicsException.Kind.BAD_CONFIG, message
                        + " (bad config: replicationFactor is larger than the number of brokers; lower it in the environment overlay)", cause);
            }
            if (cause instanceof AuthorizationException) {
                throw new TopicsException(TopicsException.Kind.BAD_CONFIG, message
                        + " (bad config: the client is not allowed to do this; check kafka.clientProperties credentials and ACLs)", cause);
            }
            if (cause instanceof InvalidPartitionsException || cause instanceof PolicyViolationException) {
                throw new TopicsException(TopicsException.Kind.BAD_CONFIG, message + " (bad config: the cluster refused the settings)", cause);
            }
            throw new TopicsException(TopicsException.Kind.BUG, message, cause);
        }
    }
}
