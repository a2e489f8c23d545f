package dev.sluice.cli;

import dev.sluice.observe.LogLevels;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code --log-level LEVEL} on every command (inherited from the root), applied to log4j2 as soon as it is parsed. */
public final class LogLevelOption {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "Log level: error, warn, info (default), debug, trace. Also SLUICE_LOG_LEVEL. Logs go to the console"
                    + " and to var/log/sluice-<command>.log.")
    void setLogLevel(String level) {
        try {
            LogLevels.apply(level);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
