package dev.sluice.clickhouse.it;

import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.InsertBody;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.clickhouse.ledger.ClickHouseBatchLedger;
import dev.sluice.clickhouse.ledger.CommittedBatch;
import dev.sluice.clickhouse.write.ClickHouseHttpWriter;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.InsertResult;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer, the view and the ledger against a real server. */
@ExtendWith(RealStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClickHouseWriterIT {

    private static final String TABLE = "payments_volume_by_currency_1m";

    private String url;
    private String database;
    private ClickHouseConfig config;
    private final DomainConfig payments = ShippedConfig.domain("payments");
    private final List<String> columns = AggregationColumns.of(payments, payments.aggregations().get("volume_by_currency_1m")).insertColumnNames();
    private ClickHouseConnection connection;
    private ClickHouseHttpWriter writer;

    @BeforeAll
    void createTables(ClickHouseTestDatabase db) {
        url = db.serverUrl();
        database = db.name();
        config = ItConfigs.clickhouse(url, database);
        connection = ClickHouseConnection.open(config);
        new DdlApplier(connection, config).apply(List.of(payments));
        writer = new ClickHouseHttpWriter(connection, RetryPolicy.from(config.insertRetry()));
    }

    @AfterAll
    void close() {
        connection.close();
    }

    /** Rows as Spark's to_json writes them: ISO timestamps with milliseconds and Z. */
    private static String row(String minute, String currency, String channel, long transactions, long total, long min, long max, long version) {
        return "{\"window_start\":\"2026-11-20T10:" + minute + ":00.000Z\",\"window_end\":\"2026-11-20T10:" + next(minute) + ":00.000Z\","
                + "\"currency\":\"" + currency + "\",\"channel\":\"" + channel + "\",\"transactions\":" + transactions
                + ",\"amount_total\":" + total + ",\"amount_min\":" + min + ",\"amount_max\":" + max
                + ",\"_version\":" + version + ",\"_query\":\"volume_by_currency_1m\"}\n";
    }

    private static String next(String minute) {
        return String.format("%02d", Integer.parseInt(minute) + 1);
    }

    private InsertResult write(String body) {
        return writer.insert(InsertRequest.jsonEachRow(TABLE, columns, InsertBody.ofString(body)));
    }

    @Test
    void rerunsAndNewerVersionsLeaveExactlyOneCurrentRowPerWindowAndGroup() {
        connection.execute("SYSTEM STOP MERGES " + Sql.qualified(database, TABLE)); // keep every write in its own part
        String batch1 = row("00", "USD", "pos", 10, 1000, 5, 400, 1)
                + row("00", "EUR", "pos", 4, 300, 10, 200, 1)
                + row("01", "USD", "pos", 7, 700, 1, 300, 1);
        assertEquals(3, write(batch1).writtenRows());
        write(batch1); // the same batch re-run: same version
        write(row("00", "USD", "pos", 12, 1300, 5, 450, 2) + row("01", "USD", "pos", 9, 800, 1, 300, 2)); // later update
        write(row("00", "USD", "pos", 11, 1200, 5, 420, 1)); // a stale write arriving late: lower version, must lose

        assertEquals(List.of(List.of("9")), connection.select("SELECT count() FROM " + Sql.qualified(database, TABLE) + " WHERE currency IN ('USD', 'EUR')"),
                "the raw table still holds every write (merges are stopped)");
        List<List<String>> current = connection.select("SELECT window_start, currency, channel, transactions, amount_total, amount_max, _version FROM "
                + Sql.qualified(database, TABLE + "_current") + " WHERE currency IN ('USD', 'EUR') ORDER BY window_start, currency");
        assertEquals(List.of(
                List.of("2026-11-20 10:00:00", "EUR", "pos", "4", "300", "200", "1"),
                List.of("2026-11-20 10:00:00", "USD", "pos", "12", "1300", "450", "2"),
                List.of("2026-11-20 10:01:00", "USD", "pos", "9", "800", "300", "2")), current.stream()
                .map(r -> List.of(r.get(0).substring(0, 19), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6))).toList());
        assertEquals(List.of(List.of("21")), connection.select("SELECT sum(transactions) FROM " + Sql.qualified(database, TABLE + "_current")
                + " WHERE currency = 'USD'"), "aggregating over the view never double-counts");
        connection.execute("SYSTEM START MERGES " + Sql.qualified(database, TABLE));
    }

    @Test
    void aTransientOutageIsRetriedUntilTheServerIsBack() throws Exception {
        int target = URI.create(url).getPort();
        try (LateListeningProxy proxy = new LateListeningProxy(target, Duration.ofMillis(1500));
             ClickHouseConnection viaProxy = ClickHouseConnection.open(ItConfigs.clickhouse("http://127.0.0.1:" + proxy.port(), database))) {
            ClickHouseHttpWriter retrying = new ClickHouseHttpWriter(viaProxy, new RetryPolicy(8, Duration.ofMillis(200), Duration.ofMillis(800)));
            InsertResult result = retrying.insert(InsertRequest.jsonEachRow(TABLE, columns,
                    InsertBody.ofString(row("30", "GBP", "atm", 1, 5000, 5000, 5000, 1))));
            assertTrue(result.attempts() > 1, "the first attempts met a closed port: " + result);
            assertEquals(1, result.writtenRows());
        }
        assertEquals(List.of(List.of("1")), connection.select("SELECT count() FROM " + Sql.qualified(database, TABLE + "_current") + " WHERE currency = 'GBP'"));
    }

    @Test
    void aServerThatStaysDownFailsAsRetriableAfterTheConfiguredAttempts() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ClickHouseConnection down = ClickHouseConnection.open(ItConfigs.clickhouse("http://127.0.0.1:" + closedPort, database))) {
            ClickHouseHttpWriter failing = new ClickHouseHttpWriter(down, new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(100)));
            SinkException e = assertThrows(SinkException.class, () -> failing.insert(InsertRequest.jsonEachRow(TABLE, columns, InsertBody.ofString("{}\n"))));
            assertEquals(FailureKind.RETRIABLE, e.kind());
            assertEquals(3, e.attempts());
        }
    }

    @Test
    void permanentFailuresFailFastWithTheRightKind() {
        SinkException unknownTable = assertThrows(SinkException.class,
                () -> writer.insert(InsertRequest.jsonEachRow("no_such_table", columns, InsertBody.ofString(row("00", "USD", "pos", 1, 1, 1, 1, 1)))));
        assertEquals(FailureKind.BAD_CONFIG, unknownTable.kind());
        assertEquals(1, unknownTable.attempts());
        assertEquals(60, unknownTable.serverCode());

        SinkException badValue = assertThrows(SinkException.class,
                () -> write(row("00", "USD", "pos", 1, 1, 1, 1, 1).replace("\"amount_total\":1", "\"amount_total\":\"lots\"")));
        assertEquals(FailureKind.BAD_DATA, badValue.kind(), badValue.getMessage());
        assertEquals(1, badValue.attempts());

        List<String> withExtra = new java.util.ArrayList<>(columns);
        withExtra.add("amount_avg");
        SinkException unknownColumn = assertThrows(SinkException.class, () -> writer.insert(InsertRequest.jsonEachRow(TABLE, withExtra,
                InsertBody.ofString(row("00", "USD", "pos", 1, 1, 1, 1, 1).replace("}\n", ",\"amount_avg\":1.5}\n")))));
        assertEquals(FailureKind.BAD_CONFIG, unknownColumn.kind(), unknownColumn.getMessage());
        assertTrue(unknownColumn.getMessage().contains("ddl apply"), unknownColumn.getMessage());
    }

    @Test
    void wrongPasswordIsBadConfigAndThePasswordIsNotInTheMessage() {
        ClickHouseConfig wrong = new ClickHouseConfig(url, database, "default", "not-the-Pa55word", null, null);
        try (ClickHouseConnection c = ClickHouseConnection.open(wrong)) {
            SinkException e = assertThrows(SinkException.class, () -> c.select("SELECT 1"));
            assertEquals(FailureKind.BAD_CONFIG, e.kind(), e.getMessage());
            assertFalse(e.getMessage().contains("not-the-Pa55word"), e.getMessage());
            assertFalse(String.valueOf(e.getCause()).contains("not-the-Pa55word"));
        }
    }

    @Test
    void theLedgerRecordsBatchesOnceAndKnowsThemAgain() {
        Instant now = Instant.parse("2026-11-20T10:05:00.250Z");
        ClickHouseBatchLedger ledger = new ClickHouseBatchLedger(connection, writer, database, Clock.fixed(now, java.time.ZoneOffset.UTC));
        assertFalse(ledger.isCommitted("volume_by_currency_1m", "run-a", 7));
        long version = ledger.nextVersion("volume_by_currency_1m");
        assertEquals(now.getEpochSecond() * 1_000_000L + 250_000, version);
        CommittedBatch batch = new CommittedBatch("volume_by_currency_1m", "run-a", 7, Map.of(TABLE, 3L, "sluice_late_events", 1L),
                now.minusMillis(900), now, version);
        ledger.recordCommitted(batch);
        ledger.recordCommitted(batch); // a re-run that got as far as recording
        assertTrue(ledger.isCommitted("volume_by_currency_1m", "run-a", 7));
        assertFalse(ledger.isCommitted("volume_by_currency_1m", "run-b", 7), "another checkpoint's batch 7 is another batch");
        CommittedBatch last = ledger.lastCommitted("volume_by_currency_1m").orElseThrow();
        assertEquals(4, last.totalRows());
        assertEquals(version, last.version());
        assertEquals(List.of(List.of("1")), connection.select("SELECT count() FROM " + Sql.qualified(database, "sluice_committed_batches_current")));
        assertEquals(version + 1, ledger.nextVersion("volume_by_currency_1m"), "the fixed clock is not ahead of the recorded version");
    }
}
