package dev.sluice.config;

public record SecretBackendConfig(
        @Required @Doc("env | dotenv | directory") SecretBackendType type,
        @Default("SLUICE_SECRET_") @Doc("env: prefix of the variable; secret 'db_password' is read from SLUICE_SECRET_DB_PASSWORD.") String prefix,
        @Doc("dotenv: the file; directory: the folder holding one file per secret (Kubernetes/Docker secrets). Relative to the repository root.") String path) {

    public enum SecretBackendType { ENV, DOTENV, DIRECTORY }
}
