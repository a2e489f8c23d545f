package dev.sluice.sink;

import java.time.Instant;
import java.util.Map;

/** A micro-batch whose writes all succeeded (core's CommittedBatch plus the batch's reconciliation counts). */
public record BatchCommit(String query, String runId, long batchId, Map<String, Long> rowsByTable, Instant startedAt,
                          Instant committedAt, long version, BatchCounts counts) {
}
