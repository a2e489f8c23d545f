package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.clickhouse.ServerCapabilities;
import dev.sluice.clickhouse.ddl.DdlFiles;
import dev.sluice.clickhouse.ddl.DdlGenerator;
import dev.sluice.clickhouse.ddl.SchemaCatalog;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write the ClickHouse DDL of every configured table to clickhouse/ddl/ (_common/ and one file per aggregation).",
                "The committed files are the single-server flavour for current ClickHouse; a unit test fails when they drift from the config.",
                "Other flavours (--server-version, --cluster) go to --out DIR or --stdout, for review."})
public final class DdlGenerateCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--server-version", paramLabel = "VERSION", description = "Render for this ClickHouse version, e.g. 18.16.1 (default: current, 24.8).")
    String serverVersion;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Render the cluster flavour (ON CLUSTER, Replicated local tables, Distributed tables).")
    String cluster;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory to write to (default: clickhouse/ddl in the repository).")
    Path out;

    @Option(names = "--stdout", description = "Print the files instead of writing them.")
    boolean stdout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        boolean canonical = serverVersion == null && (cluster == null || cluster.isBlank());
        if (!canonical && out == null && !stdout) {
            throw new IllegalArgumentException("clickhouse/ddl holds the single-server flavour for current ClickHouse; "
                    + "write other flavours with --out DIR or --stdout");
        }
        SluiceConfig config = Configs.load(env);
        ServerCapabilities server = serverVersion == null ? ServerCapabilities.CURRENT : ServerCapabilities.fromVersion(serverVersion);
        DdlFiles files = new DdlFiles(new DdlGenerator(config.platform().clickhouse().database(), cluster, server), new SchemaCatalog(server));
        if (stdout) {
            for (Map.Entry<String, String> file : files.render(config.domains().values()).entrySet()) {
                printer.println("-- ==== " + file.getKey());
                printer.println(file.getValue());
            }
            return 0;
        }
        Path home = Configs.home();
        Path directory = out == null ? home.resolve(DdlFiles.DEFAULT_DIRECTORY) : out;
        for (Path written : files.write(directory, config.domains().values())) {
            printer.println("wrote " + (written.startsWith(home) ? home.relativize(written) : written));
        }
        return 0;
    }
}
