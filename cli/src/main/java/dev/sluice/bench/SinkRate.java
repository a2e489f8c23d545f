package dev.sluice.bench;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.write.ClickHouseHttpWriter;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.SpilledBody;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 6: rows/s the ClickHouse writer ({@link ClickHouseHttpWriter}, what the sink inserts through) sustains on its
 * own, into a scratch copy of the domain's widest aggregate table. Bodies are built before the clock starts, so the
 * figure is the writer and the server only. Two shapes: large inserts (the best case) and inserts of the size a
 * streaming batch typically writes (the per-insert overhead, which decides how small batches may get).
 */
final class SinkRate {

    static final String SCRATCH_TABLE = "bench_sink";

    record Result(String table, int columns, Timed largeInserts, long largeInsertBytes, Timed smallInserts, int smallInsertRows) {
    }

    private SinkRate() {
    }

    static Result run(BenchSandbox sandbox, int largeRows, int repeats, int smallRows, int smallInserts) {
        DomainConfig domain = sandbox.domain();
        AggregationConfig widest = domain.aggregations().values().stream()
                .max(Comparator.comparingInt(a -> AggregationColumns.of(domain, a).insertColumns().size())).orElseThrow();
        AggregationColumns columns = AggregationColumns.of(domain, widest);
        String database = sandbox.clickhouse().database();
        Path spill = sandbox.workDirectory();
        try (ClickHouseConnection connection = ClickHouseConnection.open(sandbox.clickhouse())) {
            connection.execute("DROP TABLE IF EXISTS " + Sql.qualified(database, SCRATCH_TABLE));
            connection.execute("CREATE TABLE " + Sql.qualified(database, SCRATCH_TABLE) + " AS " + Sql.qualified(database, columns.table()));
            try {
                ClickHouseHttpWriter writer = new ClickHouseHttpWriter(connection, RetryPolicy.none());
                List<String> names = columns.insertColumnNames();
                try (SpilledBody warmUp = body(columns, 1000, spill)) {
                    writer.insert(InsertRequest.jsonEachRow(SCRATCH_TABLE, names, warmUp));
                }
                List<Lap> large = new ArrayList<>();
                long bytes;
                try (SpilledBody body = body(columns, largeRows, spill)) {
                    bytes = body.bytes();
                    for (int i = 0; i < repeats; i++) {
                        Lap.Start started = Lap.start();
                        writer.insert(InsertRequest.jsonEachRow(SCRATCH_TABLE, names, body));
                        large.add(started.stop());
                    }
                }
                Lap small;
                try (SpilledBody body = body(columns, smallRows, spill)) {
                    Lap.Start started = Lap.start();
                    for (int i = 0; i < smallInserts; i++) {
                        writer.insert(InsertRequest.jsonEachRow(SCRATCH_TABLE, names, body));
                    }
                    small = started.stop();
                }
                return new Result(columns.table(), names.size(), new Timed(largeRows, large), bytes,
                        Timed.once((long) smallRows * smallInserts, small), smallRows);
            } finally {
                connection.execute("DROP TABLE IF EXISTS " + Sql.qualified(database, SCRATCH_TABLE));
            }
        }
    }

    private static SpilledBody body(AggregationColumns columns, int rows, Path spill) {
        // Held in memory up to 1 GiB: reading the body back from disk would be part of the measurement.
        return SpilledBody.of(new SyntheticRows(columns.insertColumns(), rows), 1 << 30, spill);
    }
}
