package dev.sluice.sink;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.ledger.BatchLedger;
import dev.sluice.clickhouse.ledger.ClickHouseBatchLedger;
import dev.sluice.clickhouse.ledger.CommittedBatch;
import dev.sluice.clickhouse.write.ClickHouseHttpWriter;
import dev.sluice.clickhouse.write.ClickHouseWriter;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.SpilledBody;
import dev.sluice.config.ClickHouseConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link BatchSink} over core's ClickHouse writer and batch ledger. Each insert's lines (streamed from the executors)
 * are buffered by {@link SpilledBody} (memory up to a limit, then a temporary file) so the writer's retries can
 * resend the same body; the writer retries transient failures and throws {@code SinkException} otherwise. Ledger
 * reads and writes follow the same retry policy ({@code clickhouse.insertRetry}), so a ClickHouse restart shorter
 * than the policy's total backoff is waited out inside the batch.
 */
public final class ClickHouseBatchSink implements BatchSink {

    /** Insert bodies up to this size stay in memory; larger ones spill to a temporary file. */
    static final int MEMORY_LIMIT_BYTES = 32 << 20;

    private final ClickHouseWriter writer;
    private final BatchLedger ledger;
    private final Path spillDirectory;
    private final AutoCloseable connection;

    public ClickHouseBatchSink(ClickHouseWriter writer, BatchLedger ledger, Path spillDirectory, AutoCloseable connection) {
        this.writer = writer;
        this.ledger = ledger;
        this.spillDirectory = spillDirectory;
        this.connection = connection;
    }

    /** @param decorate wraps the writer the batches' inserts go through (metrics); the ledger writes undecorated */
    public static ClickHouseBatchSink open(ClickHouseConfig config, UnaryOperator<ClickHouseWriter> decorate) {
        ClickHouseConnection connection = ClickHouseConnection.open(config);
        RetryPolicy policy = RetryPolicy.from(config.insertRetry());
        ClickHouseHttpWriter writer = new ClickHouseHttpWriter(connection, policy);
        BatchLedger ledger = new ClickHouseBatchLedger(new RetryingQueries(connection, policy, connection.redactor(), connection.endpoint()),
                writer, connection.database(), Clock.systemUTC());
        return new ClickHouseBatchSink(decorate.apply(writer), ledger, Path.of(System.getProperty("java.io.tmpdir")), connection);
    }

    @Override
    public boolean isCommitted(String query, String runId, long batchId) {
        return ledger.isCommitted(query, runId, batchId);
    }

    @Override
    public long nextVersion(String query) {
        return ledger.nextVersion(query);
    }

    @Override
    public long insert(String table, List<String> columns, Iterator<String> jsonLines) {
        try (SpilledBody body = SpilledBody.of(jsonLines, MEMORY_LIMIT_BYTES, spillDirectory)) {
            long written = writer.insert(InsertRequest.jsonEachRow(table, columns, body)).writtenRows();
            return written >= 0 ? written : body.rows();
        }
    }

    @Override
    public void commit(BatchCommit commit) {
        ledger.recordCommitted(new CommittedBatch(commit.query(), commit.runId(), commit.batchId(), commit.rowsByTable(),
                commit.startedAt(), commit.committedAt(), commit.version()));
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            try {
                connection.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the ClickHouse connection failed: " + e.getMessage(), e);
            }
        }
    }
}
