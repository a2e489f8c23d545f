package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConditionConfig;
import dev.sluice.metrics.QueryId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sluice.cli.status.StatusFixtures.NOW;
import static dev.sluice.cli.status.StatusFixtures.checkpoint;
import static dev.sluice.cli.status.StatusFixtures.counts;
import static dev.sluice.cli.status.StatusFixtures.offsets;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReconcilerTest {

    private static final QueryState RUNNING = new QueryState(true, "running", "test");

    @Test
    void everyRetainedEventIsBeforeTheStartConsumedOrNotYetRead() {
        // Partition 0: 0..1000 retained; the query started at 100 and has read up to 900. Partition 1: 0..500, started at 0, read 500.
        TopicOffsets kafka = new TopicOffsets("payments.transactions", offsets("{\"payments.transactions\":{\"0\":0,\"1\":0}}"),
                offsets("{\"payments.transactions\":{\"0\":1000,\"1\":500}}"));
        QueryStatus q = status(StatusFixtures.tumblingCount("x", true), kafka,
                checkpoint(7, "{\"payments.transactions\":{\"0\":900,\"1\":500}}", "{\"payments.transactions\":{\"0\":100,\"1\":0}}", NOW, Optional.empty()),
                counts(12, 1190, 40, Map.of("bad_wire_format", 10L)));

        QueryFlow f = Reconciler.flow(q);

        assertEquals(Optional.of(1500L), f.retained());
        assertEquals(Optional.of(100L), f.beforeStart());
        assertEquals(Optional.of(1300L), f.consumed());
        assertEquals(Optional.of(100L), f.notYetRead());
        assertEquals(f.retained().get(), f.beforeStart().get() + f.consumed().get() + f.notYetRead().get());
        assertEquals(Optional.of(60L), f.remainder(), "1300 - 1190 aggregated - 40 late - 10 dead letters");
        assertEquals(List.of("the remainder of 60 is repeated event_ids dropped by deduplicate: true"), f.explanations());
    }

    @Test
    void retentionDeletingConsumedRecordsIsSaidAndKeptOutOfTheBalance() {
        TopicOffsets kafka = new TopicOffsets("t", offsets("{\"t\":{\"0\":300}}"), offsets("{\"t\":{\"0\":1000}}"));
        QueryStatus q = status(StatusFixtures.tumblingCount("x", false), kafka,
                checkpoint(3, "{\"t\":{\"0\":800}}", "{\"t\":{\"0\":0}}", NOW, Optional.empty()), counts(1, 800, 0, Map.of()));

        QueryFlow f = Reconciler.flow(q);

        assertEquals(Optional.of(800L), f.consumed());
        assertEquals(Optional.of(300L), f.consumedDeleted());
        assertEquals(Optional.of(0L), f.beforeStart());
        assertEquals(f.retained().get(), f.beforeStart().get() + f.consumed().get() - f.consumedDeleted().get() + f.notYetRead().get());
        assertEquals(Optional.of(0L), f.remainder());
        assertEquals(List.of("300 of the consumed records have since been deleted from Kafka by retention"), f.explanations());
    }

    @Test
    void moreInClickHouseThanConsumedPointsAtEarlierRuns() {
        TopicOffsets kafka = new TopicOffsets("t", offsets("{\"t\":{\"0\":0}}"), offsets("{\"t\":{\"0\":100}}"));
        QueryStatus q = status(StatusFixtures.tumblingCount("x", false), kafka,
                checkpoint(1, "{\"t\":{\"0\":100}}", "{\"t\":{\"0\":50}}", NOW, Optional.empty()), counts(1, 80, 0, Map.of()));

        QueryFlow f = Reconciler.flow(q);

        assertEquals(Optional.of(-30L), f.remainder());
        assertEquals(List.of("ClickHouse holds 30 more events than this checkpoint consumed: rows from an earlier checkpoint of the"
                + " query (reset or replaced), a replay, or a batch written but not yet committed"), f.explanations());
    }

    @Test
    void theRemainderIsExplainedByWhatTheConfigDoes() {
        AggregationConfig filtered = StatusFixtures.aggregation("x", StatusFixtures.tumbling(), AggregationConfig.OutputMode.APPEND, false,
                List.of(new ConditionConfig("status", ConditionConfig.Operator.EQ, "approved", null)), StatusFixtures.count("transactions"));

        assertEquals(List.of("the remainder of 5 is events the aggregation's filter excludes; or events in windows still open"
                        + " (append mode writes a window once the watermark has passed it)"),
                Reconciler.remainderCauses(5, filtered, CheckpointState.missing("/cp")));
        assertEquals(1, Reconciler.remainderCauses(5, StatusFixtures.tumblingCount("y", false), CheckpointState.missing("/cp")).size());
        assertEquals(List.of(), Reconciler.remainderCauses(0, filtered, CheckpointState.missing("/cp")));
    }

    @Test
    void unknownNumbersLeaveTheRemainderUnknownAndSayWhy() {
        QueryStatus q = status(StatusFixtures.tumblingCount("x", false), null,
                checkpoint(1, "{\"t\":{\"0\":100}}", "{\"t\":{\"0\":50}}", NOW, Optional.empty()),
                AggregationCounts.unknown("ClickHouse did not answer"));

        QueryFlow f = Reconciler.flow(q);

        assertEquals(Optional.of(50L), f.consumed(), "the checkpoint alone knows what was consumed");
        assertEquals(Optional.empty(), f.retained());
        assertEquals(Optional.empty(), f.remainder());
        assertEquals(List.of("aggregated events unknown: ClickHouse did not answer",
                "late events or dead letters unknown (ClickHouse did not answer; see the notes)"), f.explanations());
    }

    private static QueryStatus status(AggregationConfig aggregation, TopicOffsets kafka, CheckpointState cp, AggregationCounts counts) {
        return new QueryStatus(new QueryId("payments", aggregation.name()), aggregation, kafka == null ? "t" : kafka.topic(), RUNNING, cp,
                Optional.ofNullable(kafka), counts);
    }
}
