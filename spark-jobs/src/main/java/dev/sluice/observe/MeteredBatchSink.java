package dev.sluice.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.metrics.PipelineMetrics;
import dev.sluice.metrics.QueryId;
import dev.sluice.metrics.QueryMetrics;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchSink;
import dev.sluice.sink.SinkTables;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BatchSink} that reports each committed micro-batch to the query's metrics: late events, dead letters by
 * reason, rows written and the commit itself. Numbers are recorded only once the batch is committed, so a batch that
 * fails and re-runs counts once.
 *
 * <p>{@link BatchCommit} carries the batch's dead-letter total but not its reasons; the reasons are read from the
 * dead-letter rows as they pass through {@link #insert} (each row names its domain, aggregation and reason). Dead
 * letters are rare, so reading their lines costs nothing next to the insert.
 */
public final class MeteredBatchSink implements BatchSink {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BatchSink delegate;
    private final PipelineMetrics metrics;
    private final String deadLetterTable;
    /** Dead letters per reason seen in the current batch of each query, until its commit. */
    private final Map<String, Map<String, Long>> pendingReasons = new ConcurrentHashMap<>();

    public MeteredBatchSink(BatchSink delegate, PipelineMetrics metrics) {
        this(delegate, metrics, SinkTables.DEAD_LETTERS);
    }

    public MeteredBatchSink(BatchSink delegate, PipelineMetrics metrics, String deadLetterTable) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.deadLetterTable = deadLetterTable;
    }

    @Override
    public boolean isCommitted(String query, String runId, long batchId) {
        return delegate.isCommitted(query, runId, batchId);
    }

    /** Called once at the start of each batch that will be written: what an earlier, failed attempt saw is dropped. */
    @Override
    public long nextVersion(String query) {
        pendingReasons.remove(query);
        return delegate.nextVersion(query);
    }

    @Override
    public long insert(String table, List<String> columns, Iterator<String> jsonLines) {
        if (!table.equals(deadLetterTable)) {
            return delegate.insert(table, columns, jsonLines);
        }
        return delegate.insert(table, columns, new Iterator<>() {
            @Override
            public boolean hasNext() {
                return jsonLines.hasNext();
            }

            @Override
            public String next() {
                String line = jsonLines.next();
                noteReason(line);
                return line;
            }
        });
    }

    @Override
    public void commit(BatchCommit commit) {
        delegate.commit(commit);
        QueryMetrics query = metrics.query(commit.query());
        long batch = commit.batchId();
        query.lateEvents(batch, commit.counts().lateEvents());
        query.partlyLateEvents(batch, commit.counts().partlyLateEvents());
        Map<String, Long> reasons = pendingReasons.remove(commit.query());
        long named = 0;
        if (reasons != null) {
            for (Map.Entry<String, Long> reason : reasons.entrySet()) {
                query.deadLetters(batch, reason.getKey(), reason.getValue());
                named += reason.getValue();
            }
        }
        // Rows whose reason could not be read still count, so the total always matches the batch's.
        query.deadLetters(batch, "unknown", commit.counts().deadLetters() - named);
        query.batchCommitted(batch, commit.rowsByTable().values().stream().mapToLong(Long::longValue).sum(), commit.committedAt());
    }

    @Override
    public void close() {
        delegate.close();
    }

    private void noteReason(String line) {
        try {
            JsonNode row = JSON.readTree(line);
            String query = new QueryId(row.path("domain").asText(""), row.path("aggregation").asText("")).name();
            String reason = row.path("reason").asText("unknown");
            pendingReasons.computeIfAbsent(query, q -> new ConcurrentHashMap<>()).merge(reason, 1L, Long::sum);
        } catch (JsonProcessingException e) {
            // Not JSON: ClickHouse will reject the insert and the batch fails; nothing to count.
        }
    }

    /** For tests: reasons seen but not yet committed. */
    Map<String, Long> pending(String query) {
        return new TreeMap<>(pendingReasons.getOrDefault(query, Map.of()));
    }
}
