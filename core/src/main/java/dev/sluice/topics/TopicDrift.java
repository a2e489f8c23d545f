package dev.sluice.topics;

/**
 * One way an existing topic differs from its config.
 *
 * @param failing   whether the difference fails {@code topics apply} (a warning otherwise)
 * @param fixable   whether {@code --fix} can repair it
 */
public record TopicDrift(Kind kind, String topic, String setting, String configured, String actual, boolean failing, boolean fixable, String explanation) {

    public enum Kind {
        /** Fewer partitions than configured: less parallelism than planned. --fix adds partitions. */
        FEWER_PARTITIONS,
        /** More partitions than configured: harmless; Kafka cannot remove partitions anyway. */
        MORE_PARTITIONS,
        /** Replication differs: changing it needs a partition reassignment, which Sluice does not do. */
        REPLICATION_FACTOR,
        /** A topic config (retention.ms, cleanup.policy) differs. --fix sets it. */
        CONFIG
    }

    public String line() {
        return topic + ": " + setting + " is " + actual + ", configured " + configured + " - " + explanation;
    }
}
