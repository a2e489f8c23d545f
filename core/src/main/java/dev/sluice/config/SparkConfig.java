package dev.sluice.config;

import java.time.Duration;
import java.util.Map;

public record SparkConfig(
        @Default("local[2]") @Doc("Spark master for bin/sluice run and replay (spark-submit on a cluster sets its own).") String master,
        @Default("4") @Doc("spark.sql.shuffle.partitions: small machines want few.") int shufflePartitions,
        @Default("10s") @Doc("Default processing-time trigger of every streaming query.") Duration triggerInterval,
        @Default("hdfs") @Doc("State store provider: hdfs (default) or rocksdb for large state.") StateStore stateStore,
        @Default("500000") @Doc("Default maxOffsetsPerTrigger per query.") long maxOffsetsPerTrigger,
        @Doc("Extra Spark configuration, passed through as-is.") Map<String, String> conf) {

    public enum StateStore { HDFS, ROCKSDB }
}
