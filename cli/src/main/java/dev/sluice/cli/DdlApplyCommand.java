package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.shared.Output;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.ddl.DdlApplier;
import dev.sluice.clickhouse.ddl.DdlRefusedException;
import dev.sluice.clickhouse.ddl.MigrationPlan;
import dev.sluice.clickhouse.ddl.PlannedStep;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create the environment's ClickHouse database, tables and views, or migrate them to the config.",
                "Idempotent: a second run does nothing. New aggregations are created; new measures are added with ALTER TABLE ADD COLUMN",
                "and the views are replaced. Changes that would need stored rows rewritten (group-by, window, column type, key) are",
                "refused, naming the table, the column and what to do; nothing runs then. Sluice never drops tables or columns."})
public final class DdlApplyCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SluiceConfig config = Configs.load(env);
        try (ClickHouseConnection connection = ClickHouseConnection.open(config.platform().clickhouse())) {
            MigrationPlan plan = new DdlApplier(connection, config.platform().clickhouse()).apply(config.domains().values());
            if (Output.verbose()) {
                out.println("clickhouse: " + connection.endpoint());
                out.println("Target: " + plan.target() + ", " + plan.server());
                // Each step once, here; DdlApplier's own record of it is in the log file.
                for (PlannedStep step : plan.steps()) {
                    out.println("done: " + step.description());
                }
            }
            out.println("ddl apply: " + plan.target() + " at " + connection.endpoint() + ": "
                    + (plan.steps().isEmpty() ? "up to date, nothing to do" : plan.steps().size() + " changes applied"));
            dev.sluice.console.Summary.put("changes", plan.steps().size());
            plan.notes().forEach(n -> out.println("note: " + n));
            return 0;
        } catch (DdlRefusedException e) {
            err.print(e.plan().render());
            err.flush();
            return SluiceCli.EXIT_CONFIG_ERROR;
        } catch (SinkException e) {
            return DdlCommand.report(e, err);
        }
    }
}
