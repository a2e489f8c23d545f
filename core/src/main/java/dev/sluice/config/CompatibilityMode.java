package dev.sluice.config;

/** Schema compatibility modes, as named by the Confluent Schema Registry. */
public enum CompatibilityMode {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE;

    public boolean transitive() {
        return name().endsWith("_TRANSITIVE");
    }
}
