package dev.sluice.topics;

import dev.sluice.config.EventTypeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicDiffTest {

    private static final TopicSpec SPEC = new TopicSpec("payments.transactions", 12, (short) 3,
            Map.of(TopicSpec.RETENTION_MS, "1209600000", TopicSpec.CLEANUP_POLICY, "delete"));

    private static ObservedTopic observed(int partitions, int rf, String retention) {
        return new ObservedTopic("payments.transactions", partitions, rf, Map.of(TopicSpec.RETENTION_MS, retention, TopicSpec.CLEANUP_POLICY, "delete",
                "segment.bytes", "1073741824"));
    }

    @Test
    void specComesFromTheEventAfterTheOverlay() {
        EventTypeConfig event = new EventTypeConfig("transaction", null, "payments.transactions", "card_id", 24, 3, Duration.ofDays(14),
                EventTypeConfig.CleanupPolicy.COMPACT, null, List.of());
        TopicSpec spec = TopicSpec.of(event);
        assertEquals(new TopicSpec("payments.transactions", 24, (short) 3,
                Map.of(TopicSpec.RETENTION_MS, "1209600000", TopicSpec.CLEANUP_POLICY, "compact")), spec);
    }

    @Test
    void matchingTopicHasNoDrift() {
        assertEquals(List.of(), TopicDiff.compare(SPEC, observed(12, 3, "1209600000")));
    }

    @Test
    void fewerPartitionsIsFailingFixableDriftThatWarnsAboutKeyMapping() {
        List<TopicDrift> drifts = TopicDiff.compare(SPEC, observed(6, 3, "1209600000"));
        assertEquals(1, drifts.size());
        TopicDrift d = drifts.get(0);
        assertEquals(TopicDrift.Kind.FEWER_PARTITIONS, d.kind());
        assertTrue(d.failing());
        assertTrue(d.fixable());
        assertTrue(d.line().startsWith("payments.transactions: partitions is 6, configured 12"), d.line());
        assertTrue(d.explanation().contains("key -> partition mapping"), d.explanation());
    }

    @Test
    void morePartitionsIsOnlyAWarning() {
        TopicDrift d = TopicDiff.compare(SPEC, observed(24, 3, "1209600000")).get(0);
        assertEquals(TopicDrift.Kind.MORE_PARTITIONS, d.kind());
        assertFalse(d.failing());
        assertFalse(d.fixable());
    }

    @Test
    void weakerReplicationFailsButCannotBeFixedHere() {
        TopicDrift d = TopicDiff.compare(SPEC, observed(12, 1, "1209600000")).get(0);
        assertEquals(TopicDrift.Kind.REPLICATION_FACTOR, d.kind());
        assertTrue(d.failing());
        assertFalse(d.fixable());
        assertFalse(TopicDiff.compare(SPEC, observed(12, 5, "1209600000")).get(0).failing(), "more copies than configured is fine");
    }

    @Test
    void differentRetentionIsFixableConfigDrift() {
        TopicDrift d = TopicDiff.compare(SPEC, observed(12, 3, "604800000")).get(0);
        assertEquals(TopicDrift.Kind.CONFIG, d.kind());
        assertEquals(TopicSpec.RETENTION_MS, d.setting());
        assertEquals("604800000", d.actual());
        assertEquals("1209600000", d.configured());
        assertTrue(d.fixable());
    }

    @Test
    void configsTheSpecDoesNotMentionAreIgnored() {
        assertTrue(TopicDiff.compare(SPEC, observed(12, 3, "1209600000")).isEmpty());
    }

    @Test
    void reportFailsOnlyOnFailingDrift() {
        TopicDrift warning = TopicDiff.compare(SPEC, observed(24, 3, "1209600000")).get(0);
        assertFalse(new TopicReport(SPEC, TopicReport.Status.DRIFT, List.of(warning), List.of()).failing());
        TopicDrift failing = TopicDiff.compare(SPEC, observed(6, 3, "1209600000")).get(0);
        assertTrue(new TopicReport(SPEC, TopicReport.Status.DRIFT, List.of(warning, failing), List.of()).failing());
    }
}
