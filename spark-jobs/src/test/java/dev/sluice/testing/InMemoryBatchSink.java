package dev.sluice.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.sink.BatchCommit;
import dev.sluice.sink.BatchSink;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Records inserts and commits in memory, checking that every line carries exactly the declared columns. */
public final class InMemoryBatchSink implements BatchSink {

    public record Insert(String table, List<String> columns, List<Map<String, Object>> rows) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Insert> inserts = new ArrayList<>();
    private final List<BatchCommit> commits = new ArrayList<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public synchronized boolean isCommitted(String query, String runId, long batchId) {
        return commits.stream().anyMatch(c -> c.query().equals(query) && c.runId().equals(runId) && c.batchId() == batchId);
    }

    @Override
    public long nextVersion(String query) {
        return versions.incrementAndGet();
    }

    @Override
    public synchronized long insert(String table, List<String> columns, Iterator<String> jsonLines) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (jsonLines.hasNext()) {
            try {
                Map<String, Object> row = JSON.readValue(jsonLines.next(), new TypeReference<LinkedHashMap<String, Object>>() { });
                if (!new ArrayList<>(row.keySet()).equals(columns)) {
                    throw new IllegalStateException("insert into " + table + ": line keys " + row.keySet() + " are not the columns " + columns);
                }
                rows.add(row);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("empty insert into " + table + ": callers must skip tables without rows");
        }
        inserts.add(new Insert(table, columns, rows));
        return rows.size();
    }

    @Override
    public synchronized void commit(BatchCommit commit) {
        commits.add(commit);
    }

    public synchronized List<Insert> inserts() {
        return List.copyOf(inserts);
    }

    public synchronized List<BatchCommit> commits() {
        return List.copyOf(commits);
    }

    public synchronized List<Map<String, Object>> rows(String table) {
        return inserts.stream().filter(i -> i.table().equals(table)).flatMap(i -> i.rows().stream()).toList();
    }

    /**
     * What a ReplacingMergeTree(_version) table keeps: per key (the values of {@code keyColumns}), the row with the
     * highest {@code _version}, ordered by the key's values joined with '|'.
     */
    public synchronized List<Map<String, Object>> currentRows(String table, String... keyColumns) {
        Map<String, Map<String, Object>> latest = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows(table)) {
            String key = String.join("|", java.util.Arrays.stream(keyColumns).map(c -> String.valueOf(row.get(c))).toList());
            Map<String, Object> seen = latest.get(key);
            if (seen == null || ((Number) seen.get("_version")).longValue() < ((Number) row.get("_version")).longValue()) {
                latest.put(key, row);
            }
        }
        return List.copyOf(latest.values());
    }
}
