package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.clickhouse.ddl.MigrationPlan;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show what 'ddl apply' would do to the environment's ClickHouse, without changing anything.",
                "Exit code 0 when apply can proceed (or nothing is to do), 2 when it would refuse a change."})
public final class DdlPlanCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig config = Configs.load(env);
        try (ClickHouseConnection connection = ClickHouseConnection.open(config.platform().clickhouse())) {
            out.println("clickhouse: " + connection.endpoint());
            MigrationPlan plan = new DdlApplier(connection, config.platform().clickhouse()).plan(config.domains().values());
            out.print(plan.render());
            out.flush();
            return plan.refused() ? SluiceCli.EXIT_CONFIG_ERROR : 0;
        } catch (SinkException e) {
            return DdlCommand.report(e, spec.commandLine().getErr());
        }
    }
}
