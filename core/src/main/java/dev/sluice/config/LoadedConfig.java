package dev.sluice.config;

import dev.sluice.secrets.SecretMasker;

import java.util.Set;

/**
 * A loaded configuration together with what keeps its secrets out of sight: the masker for free text and the
 * config paths whose values came from {@code ${secret:...}}; and, when the loader allowed it, the secrets it could not find.
 */
public record LoadedConfig(SluiceConfig config, SecretMasker masker, Set<String> secretPaths, java.util.List<ConfigError> missingSecrets) {
}
