package dev.sluice.cli.shared;

import picocli.CommandLine.Option;

/** {@code --env E}, shared by every command that reads configuration; falls back to SLUICE_ENV, then dev. */
public final class EnvironmentOption {

    @Option(names = "--env", paramLabel = "ENV", description = "Environment overlay: dev, staging, prod (default: $SLUICE_ENV or dev).")
    String env;

    public String name() {
        if (env != null && !env.isBlank()) {
            return env;
        }
        String fromEnvironment = System.getenv("SLUICE_ENV");
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "dev";
    }
}
