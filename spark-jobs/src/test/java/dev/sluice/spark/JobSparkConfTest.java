package dev.sluice.spark;

import dev.sluice.config.SparkConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JobSparkConfTest {

    private static SparkConfig spark(SparkConfig.StateStore store, Map<String, String> conf) {
        return new SparkConfig("local[2]", 3, Duration.ofSeconds(5), store, 1000, conf);
    }

    @Test
    void sessionWindowsMergeLocallyBeforeTheShuffleByDefault() {
        Map<String, String> conf = JobSparkConf.of(spark(SparkConfig.StateStore.HDFS, Map.of()));
        assertEquals("true", conf.get(JobSparkConf.SESSION_WINDOW_LOCAL_MERGE));
        assertEquals("3", conf.get("spark.sql.shuffle.partitions"));
        assertEquals("UTC", conf.get("spark.sql.session.timeZone"));
        assertFalse(conf.containsKey("spark.sql.streaming.stateStore.providerClass"));
    }

    @Test
    void theConfigsSparkConfOverridesTheDefaults() {
        Map<String, String> conf = JobSparkConf.of(spark(SparkConfig.StateStore.ROCKSDB, Map.of(JobSparkConf.SESSION_WINDOW_LOCAL_MERGE, "false")));
        assertEquals("false", conf.get(JobSparkConf.SESSION_WINDOW_LOCAL_MERGE));
        assertEquals(JobSparkConf.ROCKSDB_PROVIDER, conf.get("spark.sql.streaming.stateStore.providerClass"));
    }
}
