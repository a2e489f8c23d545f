package dev.sluice.clickhouse.it;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.ConfigEdits;
import dev.sluice.clickhouse.ShippedConfig;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.clickhouse.ddl.DdlRefusedException;
import dev.sluice.clickhouse.ddl.MigrationPlan;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ddl apply against a real server: idempotent creation, an in-place migration, a refused change. */
@ExtendWith(RealStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DdlApplyIT {

    private final List<DomainConfig> domains = List.of(ShippedConfig.domain("ecommerce"), ShippedConfig.domain("payments"));
    private String database;
    private ClickHouseConfig config;
    private ClickHouseConnection connection;

    /** The class's own empty database (RealStack creates it and drops it after the last test). */
    @BeforeAll
    void connect(ClickHouseTestDatabase db) {
        database = db.name();
        config = ItConfigs.clickhouse(db.serverUrl(), database);
        connection = ClickHouseConnection.open(config);
    }

    @AfterAll
    void close() {
        connection.close();
    }

    private List<List<String>> select(String sql) {
        return connection.select(sql);
    }

    @Test
    @Order(1)
    void applyOnAFreshDatabaseCreatesEverythingAndASecondApplyDoesNothing() {
        DdlApplier applier = new DdlApplier(connection, config);
        MigrationPlan first = applier.apply(domains);
        assertFalse(first.steps().isEmpty());
        List<List<String>> tables = select("SELECT name FROM system.tables WHERE database = " + Sql.literal(database) + " ORDER BY name");
        // 3 shared + 4 ecommerce + 5 payments tables, each with a view
        assertEquals(2 * (3 + 4 + 5), tables.size(), tables.toString());
        assertEquals(List.of(List.of("Number of events where is_fraud = true.")),
                select("SELECT comment FROM system.columns WHERE database = " + Sql.literal(database)
                        + " AND table = 'payments_merchant_fraud_5m' AND name = 'fraud_transactions'"));

        MigrationPlan second = applier.plan(domains);
        assertTrue(second.upToDate(), second.render());
        assertTrue(applier.apply(domains).steps().isEmpty());
    }

    @Test
    @Order(2)
    void anAddedMeasureIsMigratedInPlace() {
        DomainConfig payments = domains.get(1);
        AggregationConfig fraud = payments.aggregations().get("merchant_fraud_5m");
        DomainConfig edited = ConfigEdits.withAggregation(payments, ConfigEdits.addMeasure(fraud,
                ConfigEdits.measure("amount_max", MeasureConfig.MeasureType.MAX, "amount", "Largest amount in cents.")));
        DdlApplier applier = new DdlApplier(connection, config);
        MigrationPlan plan = applier.apply(List.of(domains.get(0), edited));
        assertEquals(List.of("add column amount_max Int64 to " + database + ".payments_merchant_fraud_5m",
                        "replace view " + database + ".payments_merchant_fraud_5m_current (columns changed)"),
                plan.steps().stream().map(s -> s.description()).toList());
        assertEquals(List.of(List.of("Int64", "Largest amount in cents. (largest amount)")),
                select("SELECT type, comment FROM system.columns WHERE database = " + Sql.literal(database)
                        + " AND table = 'payments_merchant_fraud_5m' AND name = 'amount_max'"));
        assertEquals(1, select("SELECT name FROM system.columns WHERE database = " + Sql.literal(database)
                + " AND table = 'payments_merchant_fraud_5m_current' AND name = 'amount_max'").size(), "the view shows the new column");
        assertTrue(applier.plan(List.of(domains.get(0), edited)).upToDate());
    }

    @Test
    @Order(3)
    void aChangedGroupByIsRefusedAndNothingChanges() {
        DomainConfig payments = domains.get(1);
        AggregationConfig fraud = payments.aggregations().get("merchant_fraud_5m");
        DomainConfig edited = ConfigEdits.withAggregation(payments,
                ConfigEdits.withGroupBy(fraud, List.of("merchant_category", "country", "currency")));
        DdlRefusedException refused = assertThrows(DdlRefusedException.class,
                () -> new DdlApplier(connection, config).apply(List.of(domains.get(0), edited)));
        assertTrue(refused.getMessage().contains(database + ".payments_merchant_fraud_5m, column currency: group-by changed: "
                + "the table is keyed by (merchant_category, country, window_start, window_end) but the config needs "
                + "(merchant_category, country, currency, window_start, window_end) (added: currency)."), refused.getMessage());
        assertEquals(List.of(List.of("merchant_category, country, window_start, window_end")),
                select("SELECT sorting_key FROM system.tables WHERE database = " + Sql.literal(database) + " AND name = 'payments_merchant_fraud_5m'"));
    }
}
