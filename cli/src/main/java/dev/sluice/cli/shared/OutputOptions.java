package dev.sluice.cli.shared;

import dev.sluice.observe.LogLevels;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code --log-level}, {@code --quiet} and {@code --json}: declared once on the root command and inherited by every
 * command, so they mean the same everywhere. Each is applied as soon as picocli parses it, before the command runs
 * (see {@link Output}).
 */
public final class OutputOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: error, warn, info (default), debug, trace. Also SLUICE_LOG_LEVEL. The log file"
                    + " var/log/sluice-<command>.log gets every record at this level; the console shows Sluice's warnings,"
                    + " or its records at the level asked for.")
    void setLogLevel(String level) {
        try {
            LogLevels.apply(level);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress and no step-by-step lines: only warnings, errors and the closing summary.")
    void setQuiet(boolean quiet) {
        if (quiet) {
            Output.quiet();
        }
    }

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the closing summary as one JSON object on stdout (and nothing else there); no progress.")
    void setJson(boolean json) {
        if (json) {
            Output.json();
        }
    }
}
