package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.shared.Output;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.ReportConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.console.Summary;
import dev.sluice.console.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The whole pipeline on one machine, from nothing to query results: local stack, schemas, topics, tables, a few
 * minutes' worth of events per domain (with late and malformed ones), the streaming job until it has drained the
 * topics, then the domains' reports and a reconciliation of every produced event. Each step is the same command a
 * user would run by hand; running the demo again adds events and continues from the checkpoints.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline locally (stack, schemas, topics, tables, events, streaming job) and print a report.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--events", paramLabel = "N", defaultValue = "150000",
            description = "Valid events to generate per domain (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", paramLabel = "K", description = "Generator seed (default: a new one each run, so repeated demos add new events).")
    Long seed;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Run only this domain (default: every configured domain).")
    List<String> domains;

    @Option(names = "--no-stack", description = "Do not start the local stack (use services already configured for the environment).")
    boolean noStack;

    private int step;
    private int steps;

    @Override
    public Integer call() throws Exception {
        SluiceConfig config = Configs.load(env);
        List<String> selected = domains == null || domains.isEmpty() ? List.copyOf(config.domains().keySet()) : domains;
        selected.forEach(config::domain);
        steps = (noStack ? 0 : 1) + 3 + 2 * selected.size() + 1;
        long started = System.nanoTime();
        String envName = env.name();

        if (!noStack) {
            run("start the local stack (Kafka, schema registry, ClickHouse, Redis)", "stack", "up");
        }
        // One domain asked for: only its schemas and topics (another domain's topics may be configured differently here).
        String[] only = selected.size() == 1 ? new String[] {"--domain", selected.get(0)} : new String[0];
        run("register Avro schemas", concat(new String[] {"schemas", "register", "--env", envName}, only));
        run("create Kafka topics", concat(new String[] {"topics", "apply", "--env", envName}, only));
        run("create ClickHouse tables and views", "ddl", "apply", "--env", envName);
        Path manifests = Configs.home().resolve("var/demo");
        for (String domain : selected) {
            List<String> args = new ArrayList<>(List.of("generate", "--env", envName, "--domain", domain,
                    "--events", Long.toString(events), "--late-fraction", "0.01", "--malformed-fraction", "0.002",
                    "--manifest", manifests.resolve(domain + "-manifest.json").toString()));
            if (seed != null) {
                args.addAll(List.of("--seed", Long.toString(seed)));
            }
            run("generate " + events + " " + domain + " events (1% late, 0.2% malformed)", args.toArray(String[]::new));
        }
        for (String domain : selected) {
            run("stream " + domain + " until the topics are drained", "run", "--env", envName, "--domain", domain, "--until-idle");
        }
        header("report");
        System.out.println();
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config.platform().clickhouse())) {
            for (String domain : selected) {
                printReports(config.domain(domain), clickhouse, config.platform().clickhouse().database());
            }
        }
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config.platform().clickhouse())) {
            for (String domain : selected) {
                printFeatureLookups(config.domain(domain), clickhouse, config.platform().clickhouse().database(), envName);
            }
        }
        for (String domain : selected) {
            System.out.println();
            System.out.println("== where every " + domain + " event went");
            SluiceCli.commandLine().execute("status", "--env", envName, "--domain", domain);
        }
        printNextSteps(config, selected);
        System.out.printf("%ndemo finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        Summary.put("domains", selected);
        return 0;
    }

    /**
     * Runs a step as the command a user would type, minus the per-item detail (see {@link Output#step}): its progress
     * and closing lines follow the header; the detail is in the command's own output when run alone, and in the log.
     */
    private void run(String what, String... args) {
        header(what);
        long started = System.nanoTime();
        int exit = Output.step(() -> SluiceCli.commandLine().execute(args));
        Summary.add("steps", Map.of("step", what, "exit", exit, "seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0));
        if (exit != 0) {
            throw new DemoStepFailed("step '" + what + "' failed (exit " + exit + "): bin/sluice " + String.join(" ", args)
                    + "; the lines above and the log file under var/log say why");
        }
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private void header(String what) {
        step++;
        System.out.printf("[%d/%d] %s%n", step, steps, what);
    }

    private static void printReports(DomainConfig domain, ClickHouseConnection clickhouse, String database) {
        for (ReportConfig report : domain.reports().values()) {
            System.out.println();
            System.out.println("== " + domain.name() + " / " + report.name() + ": " + report.description());
            System.out.print(TextTable.render(clickhouse.selectWithHeader(report.sqlFor(database))));
        }
    }

    /**
     * For each online aggregation, the two entities with the most activity in the last hour of windows, looked up in Redis
     * the way a model service would ({@code bin/sluice features get}).
     */
    private static void printFeatureLookups(DomainConfig domain, ClickHouseConnection clickhouse, String database, String envName) {
        for (AggregationConfig aggregation : domain.aggregations().values()) {
            if (aggregation.online() == null) {
                continue;
            }
            String entity = aggregation.groupBy().get(0);
            String firstMeasure = aggregation.measures().keySet().iterator().next();
            String view = dev.sluice.clickhouse.Sql.qualified(database, AggregationColumns.tableName(domain, aggregation) + "_current");
            // The busiest entities of the last hour of event time: more to see than a window with one event.
            List<String> ids = clickhouse.select("SELECT " + entity + ", max(" + firstMeasure + ") AS busiest FROM " + view
                    + " WHERE window_start >= (SELECT max(window_start) FROM " + view + ") - 3600 GROUP BY " + entity
                    + " ORDER BY busiest DESC, " + entity + " LIMIT 2").stream().map(row -> row.get(0)).toList();
            System.out.println();
            System.out.println("== " + domain.name() + " / " + aggregation.name() + ": online features from Redis (bin/sluice features get"
                    + " --domain " + domain.name() + " --aggregation " + aggregation.name() + " --keys " + String.join(",", ids) + ")");
            if (ids.isEmpty()) {
                System.out.println("(no windows yet)");
                continue;
            }
            SluiceCli.commandLine().execute("features", "get", "--env", envName, "--domain", domain.name(), "--aggregation", aggregation.name(),
                    "--keys", String.join(",", ids));
        }
    }

    private static void printNextSteps(SluiceConfig config, List<String> domains) {
        String database = config.platform().clickhouse().database();
        System.out.println();
        System.out.println("where to look next:");
        System.out.println("  clickhouse-client --port 19000 --query \"SHOW TABLES FROM " + database + "\"");
        for (String domain : domains) {
            DomainConfig d = config.domain(domain);
            d.reports().values().stream().findFirst().ifPresent(r ->
                    System.out.println("  clickhouse-client --port 19000 --multiline --query \"" + r.sqlFor(database).strip().replace("\"", "\\\"") + "\""));
        }
        System.out.println("  bin/sluice status --domain <domain>        where every produced event went");
        System.out.println("  bin/sluice run --domain <domain>           keep streaming; metrics at http://127.0.0.1:"
                + config.platform().metrics().port() + "/metrics");
        System.out.println("  bin/sluice replay --domain <domain> --from <time> --to <time>   recompute windows from Kafka");
        System.out.println("  bin/sluice features get --domain payments --aggregation card_velocity_10m --key <card id>   online features");
    }

    /** A demo step failed; its own output above says why. */
    public static final class DemoStepFailed extends RuntimeException {
        DemoStepFailed(String message) {
            super(message);
        }
    }
}
