package dev.sluice.cli;

import dev.sluice.cli.shared.Output;
import dev.sluice.cli.shared.OutputOptions;
import dev.sluice.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point behind {@code bin/sluice}. Each subcommand is its own class. */
@Command(name = "sluice", mixinStandardHelpOptions = true, version = "sluice 0.1.0",
        description = "Config-driven real-time analytics: YAML -> Avro -> Kafka -> Spark -> ClickHouse.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ValidateCommand.class,
                ConfigCommand.class,
                SchemasCommand.class,
                TopicsCommand.class,
                ExplainCommand.class,
                RunCommand.class,
                ReplayCommand.class,
                dev.sluice.cli.stack.StackCommand.class,
                GenerateCommand.class,
                DdlCommand.class,
                StatusCommand.class,
                DemoCommand.class,
                dev.sluice.cli.chaos.ChaosCommand.class,
                BenchCommand.class,
                dev.sluice.cli.features.FeaturesCommand.class,
        })
public final class SluiceCli implements Runnable {

    /** Exit code for configuration errors, distinct from runtime failures (1). */
    public static final int EXIT_CONFIG_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    OutputOptions output;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new SluiceCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    if (e instanceof ConfigException configErrors) {
                        cmd.getErr().println(configErrors.getMessage());
                        return EXIT_CONFIG_ERROR;
                    }
                    if (e instanceof DemoCommand.DemoStepFailed) {
                        cmd.getErr().println("demo: " + e.getMessage());
                        return 1;
                    }
                    if (e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return EXIT_CONFIG_ERROR;
                    }
                    if (e instanceof dev.sluice.online.OnlineReadException) {
                        // Redis unreachable or refusing: a one-line reason (never the password), not a stack trace.
                        cmd.getErr().println("error: " + e.getMessage());
                        return 1;
                    }
                    throw e;
                });
    }

    public static void main(String[] args) {
        LogSetup.beforeLogging(args);
        long started = System.nanoTime();
        // Spark's threads die with stack traces when Ctrl-C stops the context under them: the log file's, not the console's.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                org.slf4j.LoggerFactory.getLogger("uncaught").error("uncaught exception in thread {}", thread.getName(), e));
        Runtime.getRuntime().addShutdownHook(new Thread(Output::interrupted, "sluice-interrupted"));
        CommandLine cli = commandLine();
        String[] ran = {null};
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult last = parseResult;
            boolean help = parseResult.isUsageHelpRequested() || parseResult.isVersionHelpRequested();
            while (last.hasSubcommand()) {
                last = last.subcommand();
                help |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
            }
            if (!help && last.commandSpec() != cli.getCommandSpec()) {
                ran[0] = last.commandSpec().qualifiedName(" ").replaceFirst("^sluice ", "");
            }
            return runLast.execute(parseResult);
        });
        int exit = cli.execute(args);
        if (ran[0] != null) {
            // Only here, for the command the user typed: commands the demo runs in-process end without one.
            Output.finish(ran[0], exit, java.time.Duration.ofNanos(System.nanoTime() - started), LogSetup.logFile());
        }
        System.exit(exit);
    }
}
