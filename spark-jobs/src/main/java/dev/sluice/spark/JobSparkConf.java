package dev.sluice.spark;

import dev.sluice.config.SparkConfig;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Spark settings a Sluice job runs with, from the platform's spark section. */
public final class JobSparkConf {

    static final String ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    private JobSparkConf() {
    }

    public static Map<String, String> of(SparkConfig spark) {
        Map<String, String> conf = new LinkedHashMap<>();
        // Windows are aligned and written in UTC whatever the machine's zone.
        conf.put("spark.sql.session.timeZone", "UTC");
        if (spark != null) {
            conf.put("spark.sql.shuffle.partitions", String.valueOf(spark.shufflePartitions()));
            if (spark.stateStore() == SparkConfig.StateStore.ROCKSDB) {
                conf.put("spark.sql.streaming.stateStore.providerClass", ROCKSDB_PROVIDER);
            }
            if (spark.conf() != null) {
                conf.putAll(spark.conf());
            }
        }
        return conf;
    }

    /** A session for the job; the master comes from spark-submit when it set one, else from the config. */
    public static SparkSession session(String appName, SparkConfig spark) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (System.getProperty("spark.master") == null) {
            builder.master(spark == null || spark.master() == null ? "local[2]" : spark.master());
        }
        of(spark).forEach(builder::config);
        return builder.getOrCreate();
    }
}
