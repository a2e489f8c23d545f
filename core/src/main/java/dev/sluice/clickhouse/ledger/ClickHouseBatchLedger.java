package dev.sluice.clickhouse.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.InsertBody;
import dev.sluice.clickhouse.SluiceTables;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.write.ClickHouseWriter;
import dev.sluice.clickhouse.write.InsertRequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link BatchLedger} in ClickHouse's {@code sluice_committed_batches} table. Reads use FINAL, so a batch recorded
 * twice (a re-run that got as far as recording) counts once.
 */
public final class ClickHouseBatchLedger implements BatchLedger {

    static final List<String> COLUMNS = List.of("query", "run_id", "batch_id", "table_names", "table_rows", "started_at", "committed_at", AggregationColumns.VERSION);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private final ClickHouseQueries queries;
    private final ClickHouseWriter writer;
    private final String database;
    private final Clock clock;

    public ClickHouseBatchLedger(ClickHouseQueries queries, ClickHouseWriter writer, String database, Clock clock) {
        this.queries = queries;
        this.writer = writer;
        this.database = database;
        this.clock = clock;
    }

    private String table() {
        return Sql.qualified(database, SluiceTables.COMMITTED_BATCHES);
    }

    @Override
    public boolean isCommitted(String query, String runId, long batchId) {
        return !queries.select("SELECT 1 FROM " + table() + " FINAL WHERE query = " + Sql.literal(query)
                + " AND run_id = " + Sql.literal(runId) + " AND batch_id = " + batchId + " LIMIT 1").isEmpty();
    }

    @Override
    public void recordCommitted(CommittedBatch batch) {
        ObjectNode row = JSON.createObjectNode();
        row.put("query", batch.query());
        row.put("run_id", batch.runId());
        row.put("batch_id", batch.batchId());
        ArrayNode names = row.putArray("table_names");
        ArrayNode rows = row.putArray("table_rows");
        batch.rowsByTable().forEach((table, count) -> {
            names.add(table);
            rows.add(count);
        });
        row.put("started_at", batch.startedAt().toString());
        row.put("committed_at", batch.committedAt().toString());
        row.put(AggregationColumns.VERSION, batch.version());
        writer.insert(InsertRequest.jsonEachRow(SluiceTables.COMMITTED_BATCHES, COLUMNS, InsertBody.ofString(row.toString() + "\n")));
    }

    @Override
    public Optional<CommittedBatch> lastCommitted(String query) {
        List<List<String>> rows = queries.select("SELECT query, run_id, batch_id, table_names, table_rows, started_at, committed_at, _version FROM "
                + table() + " FINAL WHERE query = " + Sql.literal(query) + " ORDER BY committed_at DESC, _version DESC LIMIT 1");
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<String> r = rows.get(0);
        List<String> names = parseArray(r.get(3));
        List<String> counts = parseArray(r.get(4));
        Map<String, Long> rowsByTable = new LinkedHashMap<>();
        for (int i = 0; i < names.size() && i < counts.size(); i++) {
            rowsByTable.put(names.get(i), Long.parseLong(counts.get(i)));
        }
        return Optional.of(new CommittedBatch(r.get(0), r.get(1), Long.parseLong(r.get(2)), rowsByTable,
                parseTime(r.get(5)), parseTime(r.get(6)), Long.parseUnsignedLong(r.get(7))));
    }

    @Override
    public long nextVersion(String query) {
        List<List<String>> rows = queries.select("SELECT max(_version) FROM " + table() + " WHERE query = " + Sql.literal(query));
        long highest = rows.isEmpty() || rows.get(0).get(0) == null ? 0 : Long.parseUnsignedLong(rows.get(0).get(0));
        return Math.max(InMemoryBatchLedger.micros(clock.instant()), highest + 1);
    }

    /** TabSeparated prints arrays as ['a','b'] or [1,2]. Table names are identifiers, so no quotes or commas inside. */
    static List<String> parseArray(String text) {
        String inner = text.strip();
        if (inner.length() < 2) {
            return List.of();
        }
        inner = inner.substring(1, inner.length() - 1).strip();
        if (inner.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(inner.split(",")).map(String::strip).map(s -> s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s).toList();
    }

    /** Server time columns are UTC ('UTC' in the column type), printed as {@code yyyy-MM-dd HH:mm:ss[.SSS]}. */
    static Instant parseTime(String text) {
        return LocalDateTime.parse(text.strip(), TEXT_TIME).toInstant(ZoneOffset.UTC);
    }
}
