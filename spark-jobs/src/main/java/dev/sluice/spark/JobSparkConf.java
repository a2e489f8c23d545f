package dev.sluice.spark;

import dev.sluice.config.SparkConfig;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Spark settings a Sluice job runs with, from the platform's spark section. */
public final class JobSparkConf {

    static final String ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

    /**
     * Session windows: merge each partition's rows into sessions BEFORE the shuffle. Spark's default shuffles one
     * partial session per event, each carrying a whole aggregation buffer (an approx_distinct sketch alone is 3.3 KB
     * at the default precision), then merges them. A session's events share a Kafka partition whenever its group-by
     * key is the topic's key (both shipped session aggregations: user sessions on topics keyed by user), so the local
     * merge leaves one row per session and partition. Same results; see README "Performance" for what it bought.
     */
    static final String SESSION_WINDOW_LOCAL_MERGE = "spark.sql.streaming.sessionWindow.merge.sessions.in.local.partition";

    private JobSparkConf() {
    }

    public static Map<String, String> of(SparkConfig spark) {
        Map<String, String> conf = new LinkedHashMap<>();
        // Windows are aligned and written in UTC whatever the machine's zone.
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put(SESSION_WINDOW_LOCAL_MERGE, "true");
        if (spark != null) {
            conf.put("spark.sql.shuffle.partitions", String.valueOf(spark.shufflePartitions()));
            if (spark.stateStore() == SparkConfig.StateStore.ROCKSDB) {
                conf.put("spark.sql.streaming.stateStore.providerClass", ROCKSDB_PROVIDER);
            }
            if (spark.conf() != null) {
                // Last, so the config can override any default above.
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
