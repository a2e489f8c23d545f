package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.config.DomainConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exact SQL for one aggregation (payments.volume_by_currency_1m) in each flavour. */
class DdlGeneratorTest {

    private static final DomainConfig PAYMENTS = ShippedConfig.domain("payments");

    private static List<String> generate(String version, String cluster) {
        ServerCapabilities server = ServerCapabilities.fromVersion(version);
        TableSpec table = new SchemaCatalog(server).aggregate(PAYMENTS, PAYMENTS.aggregations().get("volume_by_currency_1m"));
        return new DdlGenerator("sluice", cluster, server).createAll(table);
    }

    @Test
    void singleServer1816() {
        assertEquals(List.of("""
                CREATE TABLE IF NOT EXISTS sluice.payments_volume_by_currency_1m
                (
                    window_start DateTime('UTC') COMMENT 'Start of the 1 minute tumbling window (inclusive), UTC.',
                    window_end DateTime('UTC') COMMENT 'End of the window (exclusive), UTC.',
                    currency String COMMENT 'Transaction currency.',
                    channel String COMMENT 'Card-present or card-not-present channel.',
                    transactions UInt64 COMMENT 'Number of events.',
                    amount_total Int64 COMMENT 'Sum of amount.',
                    amount_min Int64 COMMENT 'Smallest amount.',
                    amount_max Int64 COMMENT 'Largest amount.',
                    _version UInt64 COMMENT 'Write version: the row with the highest version per window and group is the current one.',
                    _query String COMMENT 'Streaming query or replay that wrote the row.',
                    _written_at DateTime('UTC') DEFAULT now() COMMENT 'When ClickHouse received the row, UTC.'
                )
                ENGINE = ReplacingMergeTree(_version)
                PARTITION BY toYYYYMMDD(window_start)
                ORDER BY (currency, channel, window_start, window_end)
                SETTINGS index_granularity = 8192""", """
                CREATE VIEW IF NOT EXISTS sluice.payments_volume_by_currency_1m_current AS
                SELECT window_start, window_end, currency, channel, transactions, amount_total, amount_min, amount_max, _version, _query, _written_at
                FROM sluice.payments_volume_by_currency_1m FINAL"""), generate("18.16.1", null));
    }

    @Test
    void singleServerCurrent() {
        assertEquals(List.of("""
                CREATE TABLE IF NOT EXISTS sluice.payments_volume_by_currency_1m
                (
                    window_start DateTime64(3, 'UTC') COMMENT 'Start of the 1 minute tumbling window (inclusive), UTC.',
                    window_end DateTime64(3, 'UTC') COMMENT 'End of the window (exclusive), UTC.',
                    currency LowCardinality(String) COMMENT 'Transaction currency.',
                    channel LowCardinality(String) COMMENT 'Card-present or card-not-present channel.',
                    transactions UInt64 COMMENT 'Number of events.',
                    amount_total Int64 COMMENT 'Sum of amount.',
                    amount_min Int64 COMMENT 'Smallest amount.',
                    amount_max Int64 COMMENT 'Largest amount.',
                    _version UInt64 COMMENT 'Write version: the row with the highest version per window and group is the current one.',
                    _query LowCardinality(String) COMMENT 'Streaming query or replay that wrote the row.',
                    _written_at DateTime64(3, 'UTC') DEFAULT now64(3) COMMENT 'When ClickHouse received the row, UTC.'
                )
                ENGINE = ReplacingMergeTree(_version)
                PARTITION BY toYYYYMMDD(window_start)
                ORDER BY (currency, channel, window_start, window_end)
                SETTINGS index_granularity = 8192""", """
                CREATE VIEW IF NOT EXISTS sluice.payments_volume_by_currency_1m_current AS
                SELECT window_start, window_end, currency, channel, transactions, amount_total, amount_min, amount_max, _version, _query, _written_at
                FROM sluice.payments_volume_by_currency_1m FINAL"""), generate("24.8.4.13", null));
    }

    @Test
    void clusterCurrent() {
        assertEquals(List.of("""
                CREATE TABLE IF NOT EXISTS sluice.payments_volume_by_currency_1m_local ON CLUSTER analytics
                (
                    window_start DateTime64(3, 'UTC') COMMENT 'Start of the 1 minute tumbling window (inclusive), UTC.',
                    window_end DateTime64(3, 'UTC') COMMENT 'End of the window (exclusive), UTC.',
                    currency LowCardinality(String) COMMENT 'Transaction currency.',
                    channel LowCardinality(String) COMMENT 'Card-present or card-not-present channel.',
                    transactions UInt64 COMMENT 'Number of events.',
                    amount_total Int64 COMMENT 'Sum of amount.',
                    amount_min Int64 COMMENT 'Smallest amount.',
                    amount_max Int64 COMMENT 'Largest amount.',
                    _version UInt64 COMMENT 'Write version: the row with the highest version per window and group is the current one.',
                    _query LowCardinality(String) COMMENT 'Streaming query or replay that wrote the row.',
                    _written_at DateTime64(3, 'UTC') DEFAULT now64(3) COMMENT 'When ClickHouse received the row, UTC.'
                )
                ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/sluice/payments_volume_by_currency_1m', '{replica}', _version)
                PARTITION BY toYYYYMMDD(window_start)
                ORDER BY (currency, channel, window_start, window_end)
                SETTINGS index_granularity = 8192""", """
                CREATE TABLE IF NOT EXISTS sluice.payments_volume_by_currency_1m ON CLUSTER analytics AS sluice.payments_volume_by_currency_1m_local
                ENGINE = Distributed(analytics, sluice, payments_volume_by_currency_1m_local, cityHash64(currency, channel, window_start))""", """
                CREATE VIEW IF NOT EXISTS sluice.payments_volume_by_currency_1m_current ON CLUSTER analytics AS
                SELECT window_start, window_end, currency, channel, transactions, amount_total, amount_min, amount_max, _version, _query, _written_at
                FROM sluice.payments_volume_by_currency_1m FINAL"""), generate("24.8.4.13", "analytics"));
    }

    @Test
    void sessionWindowsAreKeyedByStartOnly() {
        ServerCapabilities server = ServerCapabilities.CURRENT;
        DomainConfig ecommerce = ShippedConfig.domain("ecommerce");
        TableSpec table = new SchemaCatalog(server).aggregate(ecommerce, ecommerce.aggregations().get("engaged_sessions"));
        assertEquals(List.of("user", "window_start"), table.orderBy());
        // user ids are entity ids: too many distinct values for LowCardinality
        assertEquals("String", table.column("user").orElseThrow().type());
    }

    @Test
    void replacingAViewOnOldServersDropsAndCreates() {
        DdlGenerator old = new DdlGenerator("sluice", null, ServerCapabilities.OLDEST);
        TableSpec table = new SchemaCatalog(ServerCapabilities.OLDEST).lateEvents();
        assertEquals(List.of("DROP TABLE IF EXISTS sluice.sluice_late_events_current",
                "CREATE VIEW sluice.sluice_late_events_current AS\nSELECT domain, aggregation, event_id, event_time, watermark, lateness_ms, event_json, partly_late, missed_windows, first_missed_window_start, last_missed_window_start, recorded_at\nFROM sluice.sluice_late_events FINAL"),
                old.replaceView(table));
        DdlGenerator current = new DdlGenerator("sluice", "c1", ServerCapabilities.CURRENT);
        assertEquals(List.of("CREATE OR REPLACE VIEW sluice.sluice_late_events_current ON CLUSTER c1 AS\nSELECT domain, aggregation, event_id, event_time, watermark, lateness_ms, event_json, partly_late, missed_windows, first_missed_window_start, last_missed_window_start, recorded_at\nFROM sluice.sluice_late_events FINAL"),
                current.replaceView(new SchemaCatalog(ServerCapabilities.CURRENT).lateEvents()));
    }

    @Test
    void ledgerGetsATtlOnlyWhereTheServerHasIt() {
        String current = new DdlGenerator("sluice", null, ServerCapabilities.CURRENT)
                .createTable(new SchemaCatalog(ServerCapabilities.CURRENT).committedBatches()).get(0);
        String old = new DdlGenerator("sluice", null, ServerCapabilities.OLDEST)
                .createTable(new SchemaCatalog(ServerCapabilities.OLDEST).committedBatches()).get(0);
        org.junit.jupiter.api.Assertions.assertTrue(current.contains("\nTTL toDateTime(committed_at) + INTERVAL 90 DAY\n"), current);
        org.junit.jupiter.api.Assertions.assertFalse(old.contains("TTL"), old);
    }

    @Test
    void addColumnInClusterModeAltersLocalAndDistributedTables() {
        DdlGenerator generator = new DdlGenerator("sluice", "analytics", ServerCapabilities.CURRENT);
        TableSpec table = new SchemaCatalog(ServerCapabilities.CURRENT).aggregate(PAYMENTS, PAYMENTS.aggregations().get("volume_by_currency_1m"));
        assertEquals(List.of(
                "ALTER TABLE sluice.payments_volume_by_currency_1m_local ON CLUSTER analytics ADD COLUMN x UInt64 AFTER amount_max",
                "ALTER TABLE sluice.payments_volume_by_currency_1m ON CLUSTER analytics ADD COLUMN x UInt64 AFTER amount_max",
                "ALTER TABLE sluice.payments_volume_by_currency_1m_local ON CLUSTER analytics COMMENT COLUMN x 'An x.'",
                "ALTER TABLE sluice.payments_volume_by_currency_1m ON CLUSTER analytics COMMENT COLUMN x 'An x.'"),
                generator.addColumn(table, ColumnSpec.of("x", "UInt64", "An x."), "amount_max"));
    }
}
