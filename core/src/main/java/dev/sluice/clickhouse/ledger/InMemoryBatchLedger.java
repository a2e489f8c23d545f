package dev.sluice.clickhouse.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A {@link BatchLedger} in memory, for unit tests of the sink and of status. Thread-safe. */
public final class InMemoryBatchLedger implements BatchLedger {

    private final List<CommittedBatch> batches = new ArrayList<>();
    private final Clock clock;

    public InMemoryBatchLedger(Clock clock) {
        this.clock = clock;
    }

    public InMemoryBatchLedger() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized boolean isCommitted(String query, String runId, long batchId) {
        return batches.stream().anyMatch(b -> b.query().equals(query) && b.runId().equals(runId) && b.batchId() == batchId);
    }

    @Override
    public synchronized void recordCommitted(CommittedBatch batch) {
        batches.removeIf(b -> b.query().equals(batch.query()) && b.runId().equals(batch.runId()) && b.batchId() == batch.batchId());
        batches.add(batch);
    }

    @Override
    public synchronized Optional<CommittedBatch> lastCommitted(String query) {
        return batches.stream().filter(b -> b.query().equals(query)).max(Comparator.comparing(CommittedBatch::committedAt)
                .thenComparingLong(CommittedBatch::version));
    }

    @Override
    public synchronized long nextVersion(String query) {
        long highest = batches.stream().filter(b -> b.query().equals(query)).mapToLong(CommittedBatch::version).max().orElse(0);
        return Math.max(micros(clock.instant()), highest + 1);
    }

    public synchronized List<CommittedBatch> batches() {
        return List.copyOf(batches);
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
