package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;

/**
 * {@code ddl plan} and {@code ddl apply}: detect the server, build the wanted tables for it, compare with the live
 * database and run the resulting statements. Apply is idempotent (a second run finds nothing to do) and all-or-nothing
 * with respect to refusals: if any change is refused, no statement runs.
 */
public final class DdlApplier {

    private static final Logger LOG = LoggerFactory.getLogger(DdlApplier.class);

    private final ClickHouseQueries queries;
    private final ClickHouseConfig config;

    public DdlApplier(ClickHouseQueries queries, ClickHouseConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public MigrationPlan plan(Collection<DomainConfig> domains) {
        ServerCapabilities server = queries.capabilities();
        DdlGenerator generator = DdlGenerator.forConfig(config, server);
        List<TableSpec> tables = new SchemaCatalog(server).all(domains);
        LiveSchema live = new LiveSchemaReader(queries).read(generator.database());
        return new MigrationPlanner(generator).plan(tables, live);
    }

    /**
     * @return the plan that was carried out
     * @throws DdlRefusedException when the config asks for a change apply will not make (nothing is changed then)
     */
    public MigrationPlan apply(Collection<DomainConfig> domains) {
        MigrationPlan plan = plan(domains);
        if (plan.refused()) {
            throw new DdlRefusedException(plan);
        }
        for (PlannedStep step : plan.steps()) {
            LOG.info("ddl apply: {}", step.description());
            step.statements().forEach(queries::execute);
        }
        return plan;
    }
}
