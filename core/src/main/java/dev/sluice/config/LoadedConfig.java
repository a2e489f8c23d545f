package dev.sluice.config;

import dev.sluice.secrets.SecretMasker;

import java.util.Set;

/**
 * A loaded configuration together with what keeps its secrets out of sight: the masker for free text and the
 * config paths whose values came from {@code ${secret:...}}.
 */
public record LoadedConfig(SluiceConfig config, SecretMasker masker, Set<String> secretPaths) {
}
