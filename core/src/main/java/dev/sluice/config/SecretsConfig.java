package dev.sluice.config;

import java.util.List;

public record SecretsConfig(
        @Doc("Backends consulted in order; the first that has a secret wins. Default: env, then dotenv .env, then directory /run/secrets/sluice.")
        List<SecretBackendConfig> backends) {
}
