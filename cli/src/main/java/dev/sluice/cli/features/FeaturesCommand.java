package dev.sluice.cli.features;

import picocli.CommandLine.Command;

/** {@code sluice features}: the online features in Redis. */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = {"Online features: each entity's newest window of an aggregation with online:, as the job keeps it in Redis.",
                "Keys: <redis.keyPrefix>:<domain>:<aggregation>:<entity id> (README \"Online features\")."},
        subcommands = {FeaturesGetCommand.class, FeaturesLatencyCommand.class})
public final class FeaturesCommand {
}
