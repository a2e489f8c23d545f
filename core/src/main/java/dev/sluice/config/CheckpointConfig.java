package dev.sluice.config;

public record CheckpointConfig(
        @Default("var/checkpoints") @Doc("Checkpoint root (local path or any Hadoop URI such as hdfs:// or s3a://); one sub-directory per query.") String location) {
}
