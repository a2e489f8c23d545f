package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ConfigEdits;
import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import dev.sluice.config.WindowConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationPlannerTest {

    private static final ServerCapabilities SERVER = ServerCapabilities.OLDEST;
    private static final DomainConfig PAYMENTS = ShippedConfig.domain("payments");
    private static final AggregationConfig FRAUD = PAYMENTS.aggregations().get("merchant_fraud_5m");

    private final SchemaCatalog catalog = new SchemaCatalog(SERVER);
    private final DdlGenerator generator = new DdlGenerator("sluice", null, SERVER);
    private final MigrationPlanner planner = new MigrationPlanner(generator);

    private List<TableSpec> tables(AggregationConfig aggregation) {
        return List.of(catalog.aggregate(PAYMENTS, aggregation));
    }

    @Test
    void freshDatabaseGetsDatabaseTablesAndViews() {
        MigrationPlan plan = planner.plan(catalog.all(List.of(PAYMENTS)), LiveSchema.empty());
        assertFalse(plan.refused());
        List<String> descriptions = plan.steps().stream().map(PlannedStep::description).toList();
        assertEquals("create database sluice", descriptions.get(0));
        assertEquals("create table sluice.sluice_dead_letters (dead letters)", descriptions.get(1));
        assertEquals("create view sluice.sluice_dead_letters_current", descriptions.get(2));
        // database + 3 shared + 5 payments aggregations, each a table and a view
        assertEquals(1 + 2 * (3 + 5), plan.steps().size());
        assertTrue(plan.statements().stream().allMatch(s -> s.startsWith("CREATE DATABASE IF NOT EXISTS")
                || s.startsWith("CREATE TABLE IF NOT EXISTS") || s.startsWith("CREATE VIEW IF NOT EXISTS")), "creation is idempotent");
    }

    @Test
    void unchangedConfigIsUpToDate() {
        List<TableSpec> tables = catalog.all(List.of(PAYMENTS));
        MigrationPlan plan = planner.plan(tables, LiveFixtures.created(tables));
        assertTrue(plan.upToDate(), plan.render());
        assertTrue(plan.render().contains("Up to date: nothing to do."));
    }

    @Test
    void addedMeasureIsAddedAfterTheLastMeasureAndTheViewReplaced() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        AggregationConfig withMeasure = ConfigEdits.addMeasure(FRAUD,
                ConfigEdits.measure("amount_max", MeasureConfig.MeasureType.MAX, "amount", "Largest authorised amount in cents."));
        MigrationPlan plan = planner.plan(tables(withMeasure), live);
        assertFalse(plan.refused());
        assertEquals(List.of(
                "ALTER TABLE sluice.payments_merchant_fraud_5m ADD COLUMN amount_max Int64 AFTER unique_cards",
                "ALTER TABLE sluice.payments_merchant_fraud_5m COMMENT COLUMN amount_max 'Largest authorised amount in cents. (largest amount)'",
                "DROP TABLE IF EXISTS sluice.payments_merchant_fraud_5m_current",
                "CREATE VIEW sluice.payments_merchant_fraud_5m_current AS\n"
                        + "SELECT window_start, window_end, merchant_category, country, transactions, fraud_transactions, fraud_ratio, amount_total, amount_avg, amount_p99, declined, unique_cards, amount_max, _version, _query, _written_at\n"
                        + "FROM sluice.payments_merchant_fraud_5m FINAL"),
                plan.statements());
    }

    @Test
    void dimensionAddedToTheGroupByIsRefusedWithTheExactMessage() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        AggregationConfig regrouped = ConfigEdits.withGroupBy(FRAUD, List.of("merchant_category", "country", "currency"));
        MigrationPlan plan = planner.plan(tables(regrouped), live);
        assertTrue(plan.refused());
        assertEquals(1, plan.refusals().size());
        assertEquals("sluice.payments_merchant_fraud_5m, column currency: group-by changed: the table is keyed by "
                + "(merchant_category, country, window_start, window_end) but the config needs "
                + "(merchant_category, country, currency, window_start, window_end) (added: currency). "
                + "ClickHouse cannot change a table's key in place; give the changed aggregation a new name or a new table "
                + "(e.g. table: payments_merchant_fraud_5m_v2) and apply again. Sluice never drops data: the existing table "
                + "stays as it is until you drop it yourself. [bad config]", plan.refusals().get(0).message());
        assertTrue(plan.steps().isEmpty(), "a refused table gets no partial migration: " + plan.steps());
    }

    @Test
    void removedDimensionIsRefused() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        MigrationPlan plan = planner.plan(tables(ConfigEdits.withGroupBy(FRAUD, List.of("merchant_category"))), live);
        assertEquals("country", plan.refusals().get(0).column());
        assertTrue(plan.refusals().get(0).change().endsWith("(removed: country)."), plan.refusals().get(0).change());
    }

    @Test
    void changedWindowIsRefused() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        AggregationConfig tenMinutes = ConfigEdits.withWindow(FRAUD, new WindowConfig(WindowConfig.WindowType.TUMBLING, Duration.ofMinutes(10), null, null));
        MigrationPlan plan = planner.plan(tables(tenMinutes), live);
        assertEquals(1, plan.refusals().size());
        assertEquals("sluice.payments_merchant_fraud_5m, column window_start: window changed: the table holds "
                + "'Start of the 5 minutes tumbling window (inclusive), UTC.' but the config now says "
                + "'Start of the 10 minutes tumbling window (inclusive), UTC.'. Rows of different windows cannot share a table; "
                + "give the changed aggregation a new name or a new table (e.g. table: payments_merchant_fraud_5m_v2) and apply again. "
                + "Sluice never drops data: the existing table stays as it is until you drop it yourself. [bad config]",
                plan.refusals().get(0).message());
    }

    @Test
    void changedMeasureTypeIsRefused() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        var measures = new java.util.LinkedHashMap<>(FRAUD.measures());
        measures.put("declined", ConfigEdits.measure("declined", MeasureConfig.MeasureType.AVG, "amount", null));
        MigrationPlan plan = planner.plan(tables(ConfigEdits.withMeasures(FRAUD, measures)), live);
        assertEquals(1, plan.refusals().size());
        assertEquals("sluice.payments_merchant_fraud_5m, column declined: type changed from UInt64 (live) to Float64 (config). "
                + "Sluice does not convert stored values; give the measure a new name (it becomes a new column) or the aggregation a new table, and apply again. "
                + "Sluice never drops data: the existing table stays as it is until you drop it yourself. [bad config]",
                plan.refusals().get(0).message());
    }

    @Test
    void removedMeasureIsKeptAndReported() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        var measures = new java.util.LinkedHashMap<>(FRAUD.measures());
        measures.remove("declined");
        MigrationPlan plan = planner.plan(tables(ConfigEdits.withMeasures(FRAUD, measures)), live);
        assertFalse(plan.refused());
        assertEquals(List.of("sluice.payments_merchant_fraud_5m: column declined is no longer in the config; it is kept with its data "
                + "(Sluice never drops data) and new rows get its default value. Drop it yourself if it is no longer needed."), plan.notes());
        // the view no longer shows it
        assertEquals("replace view sluice.payments_merchant_fraud_5m_current (columns changed)", plan.steps().get(0).description());
    }

    @Test
    void changedDocUpdatesTheCommentInPlace() {
        LiveSchema live = LiveFixtures.created(tables(FRAUD));
        var measures = new java.util.LinkedHashMap<>(FRAUD.measures());
        measures.put("declined", new MeasureConfig("declined", MeasureConfig.MeasureType.COUNT, null,
                FRAUD.measures().get("declined").where(), null, 0.02, null, null, "Declined authorisations."));
        MigrationPlan plan = planner.plan(tables(ConfigEdits.withMeasures(FRAUD, measures)), live);
        assertEquals(List.of("ALTER TABLE sluice.payments_merchant_fraud_5m COMMENT COLUMN declined 'Declined authorisations. (number of events where status = declined)'"),
                plan.statements());
    }

    @Test
    void tablesCreatedOnAnOlderServerStayValidAfterAnUpgrade() {
        List<TableSpec> created1816 = new SchemaCatalog(ServerCapabilities.OLDEST).all(List.of(PAYMENTS));
        List<TableSpec> wanted24 = new SchemaCatalog(ServerCapabilities.CURRENT).all(List.of(PAYMENTS));
        MigrationPlan plan = new MigrationPlanner(new DdlGenerator("sluice", null, ServerCapabilities.CURRENT))
                .plan(wanted24, LiveFixtures.created(created1816));
        assertFalse(plan.refused(), plan.render());
        // TTL is not added after the fact (apply never rewrites table settings); nothing else differs
        assertTrue(plan.upToDate(), plan.render());
    }

    @Test
    void foreignEngineIsRefused() {
        TableSpec table = tables(FRAUD).get(0);
        LiveTable foreign = new LiveTable(table.name(), "MergeTree", String.join(", ", table.orderBy()), table.partitionBy(), List.of());
        MigrationPlan plan = planner.plan(List.of(table), new LiveSchema(true, java.util.Map.of(table.name(), foreign)));
        assertTrue(plan.refusals().get(0).message().startsWith("sluice.payments_merchant_fraud_5m: the table exists with engine MergeTree, "
                + "but Sluice writes to ReplacingMergeTree tables"), plan.refusals().get(0).message());
    }

    @Test
    void clusterLayoutCreatesLocalAndDistributedTablesAndRepairsAMissingDistributedTable() {
        DdlGenerator cluster = new DdlGenerator("sluice", "analytics", ServerCapabilities.CURRENT);
        TableSpec table = new SchemaCatalog(ServerCapabilities.CURRENT).aggregate(PAYMENTS, FRAUD);
        MigrationPlan fresh = new MigrationPlanner(cluster).plan(List.of(table), new LiveSchema(true, java.util.Map.of()));
        assertEquals(3, fresh.statements().size());
        assertTrue(fresh.statements().get(0).startsWith("CREATE TABLE IF NOT EXISTS sluice.payments_merchant_fraud_5m_local ON CLUSTER analytics"));
        assertTrue(fresh.statements().get(1).startsWith("CREATE TABLE IF NOT EXISTS sluice.payments_merchant_fraud_5m ON CLUSTER analytics AS"));
        assertTrue(fresh.statements().get(2).startsWith("CREATE VIEW IF NOT EXISTS sluice.payments_merchant_fraud_5m_current ON CLUSTER analytics"));

        // the local table exists (as ReplicatedReplacingMergeTree), the Distributed table was never created
        LiveTable created = LiveFixtures.created(List.of(table)).table(table.name()).orElseThrow();
        LiveTable local = new LiveTable(table.localName(), "ReplicatedReplacingMergeTree", created.sortingKey(), created.partitionKey(), created.columns());
        LiveTable view = LiveFixtures.created(List.of(table)).table(table.viewName()).orElseThrow();
        MigrationPlan repair = new MigrationPlanner(cluster).plan(List.of(table),
                new LiveSchema(true, java.util.Map.of(local.name(), local, view.name(), view)));
        assertEquals(List.of("create distributed table sluice.payments_merchant_fraud_5m"),
                repair.steps().stream().map(PlannedStep::description).toList());
    }

    @Test
    void liveKeysAreParsedWhateverTheServerPrints() {
        assertEquals(List.of("a", "b"), MigrationPlanner.parseKey("(a, b)"));
        assertEquals(List.of("a", "b"), MigrationPlanner.parseKey("a, b"));
        assertEquals(List.of("user"), MigrationPlanner.parseKey("`user`"));
        assertTrue(MigrationPlanner.typesEquivalent("DateTime(\\'UTC\\')", "DateTime64(3, 'UTC')"));
        assertTrue(MigrationPlanner.typesEquivalent("String", "LowCardinality(String)"));
        assertFalse(MigrationPlanner.typesEquivalent("Int64", "UInt64"));
    }
}
