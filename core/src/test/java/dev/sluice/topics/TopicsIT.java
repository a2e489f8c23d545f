package dev.sluice.topics;

import dev.sluice.config.KafkaConfig;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.extension.ExtendWith;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real broker (SLUICE_KAFKA). Topic names carry a per-run suffix. */
@ExtendWith(RealStack.class)
class TopicsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();
    private Admin admin;
    private TopicApplier applier;

    @BeforeEach
    void connect(StackEndpoints stack) {
        KafkaConfig kafka = new KafkaConfig(stack.kafkaBootstrap(), Map.of());
        admin = KafkaAdmins.create(kafka);
        applier = new TopicApplier(admin, kafka.bootstrapServers());
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (!created.isEmpty()) {
            admin.deleteTopics(created).all().get();
        }
        admin.close();
    }

    private TopicSpec spec(String name, int partitions, long retentionMs) {
        String topic = "sluice-it-" + run + "-" + name;
        created.add(topic);
        return new TopicSpec(topic, partitions, (short) 1, Map.of(TopicSpec.RETENTION_MS, Long.toString(retentionMs), TopicSpec.CLEANUP_POLICY, "delete"));
    }

    @Test
    void createsMissingTopicsThenFindsThemInSync() {
        TopicSpec a = spec("a", 3, 86_400_000L);
        TopicSpec b = spec("b", 2, 604_800_000L);
        List<TopicReport> first = applier.apply(List.of(a, b), false);
        assertEquals(List.of(TopicReport.Status.CREATED, TopicReport.Status.CREATED), first.stream().map(TopicReport::status).toList());
        ObservedTopic observed = applier.observe(a.name()).orElseThrow();
        assertEquals(3, observed.partitions());
        assertEquals("86400000", observed.configs().get(TopicSpec.RETENTION_MS));
        List<TopicReport> second = applier.apply(List.of(a, b), false);
        assertEquals(List.of(TopicReport.Status.IN_SYNC, TopicReport.Status.IN_SYNC), second.stream().map(TopicReport::status).toList());
    }

    @Test
    void aTopicWithFewerPartitionsIsDriftUntilFixed() throws Exception {
        TopicSpec spec = spec("drift", 4, 3_600_000L);
        // Someone made the topic by hand: 2 partitions and the broker's default retention.
        admin.createTopics(List.of(new NewTopic(spec.name(), 2, (short) 1))).all().get();

        TopicReport drift = applier.apply(List.of(spec), false).get(0);
        assertEquals(TopicReport.Status.DRIFT, drift.status());
        assertTrue(drift.failing());
        assertEquals(List.of(TopicDrift.Kind.FEWER_PARTITIONS, TopicDrift.Kind.CONFIG), drift.drifts().stream().map(TopicDrift::kind).toList());
        assertEquals("2", drift.drifts().get(0).actual());
        assertEquals(2, applier.observe(spec.name()).orElseThrow().partitions(), "nothing changes without fix");

        TopicReport fixed = applier.apply(List.of(spec), true).get(0);
        assertEquals(TopicReport.Status.FIXED, fixed.status());
        assertEquals(2, fixed.actions().size());
        ObservedTopic after = applier.observe(spec.name()).orElseThrow();
        assertEquals(4, after.partitions());
        assertEquals("3600000", after.configs().get(TopicSpec.RETENTION_MS));
        assertEquals(TopicReport.Status.IN_SYNC, applier.apply(List.of(spec), false).get(0).status());
    }

    @Test
    void moreReplicasThanBrokersIsBadConfig() {
        String topic = "sluice-it-" + run + "-rf";
        TopicSpec impossible = new TopicSpec(topic, 1, (short) 5, Map.of());
        TopicsException e = org.junit.jupiter.api.Assertions.assertThrows(TopicsException.class, () -> applier.apply(List.of(impossible), false));
        assertEquals(TopicsException.Kind.BAD_CONFIG, e.kind());
        assertTrue(e.getMessage().contains("replicationFactor"), e.getMessage());
    }
}
