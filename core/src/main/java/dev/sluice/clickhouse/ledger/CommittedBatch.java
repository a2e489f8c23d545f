package dev.sluice.clickhouse.ledger;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A micro-batch whose writes all succeeded.
 *
 * @param query       streaming query name (for a replay: the aggregation's query name, so versions stay ordered)
 * @param runId       identity of the checkpoint the batch ids belong to: Spark's StreamingQuery id (inside foreachBatch
 *                    the local property {@code sql.streaming.queryId}), or a replay's run id. Batch ids restart at 0
 *                    when a checkpoint is replaced, so a batch is only "the same batch" within one run.
 * @param batchId     micro-batch id
 * @param rowsByTable rows written per table
 * @param startedAt   when the batch's first write started
 * @param committedAt when its last write succeeded
 * @param version     the {@code _version} its rows carry
 */
public record CommittedBatch(String query, String runId, long batchId, Map<String, Long> rowsByTable,
                             Instant startedAt, Instant committedAt, long version) {

    public CommittedBatch {
        rowsByTable = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rowsByTable));
    }

    public long totalRows() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
