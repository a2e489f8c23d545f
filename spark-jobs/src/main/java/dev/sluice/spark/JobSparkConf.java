package dev.sluice.spark;

import dev.sluice.config.KafkaConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.secrets.SecretMasker;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Spark settings a Sluice job runs with, from the platform's spark section. */
public final class JobSparkConf {

    static final String ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
    /** Spark's own default of spark.redaction.regex (kept, and extended by the keys that hold Sluice secrets). */
    static final String SPARK_DEFAULT_REDACTION = "(?i)secret|password|token|access[.]key";
    /** Spark's own default of spark.sql.redaction.options.regex. */
    static final String SPARK_DEFAULT_OPTIONS_REDACTION = "(?i)url";
    private static final String HADOOP_PREFIX = "spark.hadoop.";
    private static final String LOOPBACK = "127.0.0.1";

    private JobSparkConf() {
    }

    public static Map<String, String> of(SparkConfig spark) {
        return of(spark, null, new SecretMasker());
    }

    /**
     * The session's settings; {@code masker} knows the values that came from {@code ${secret:...}}. Spark shows its
     * configuration in the UI's environment page, the event log and the history server, redacting only keys or values
     * that match {@code spark.redaction.regex} (by default: secret, password, token, access.key). A secret under any
     * other key, say {@code spark.hadoop.fs.azure.account.key.<account>.dfs.core.windows.net}, would be shown in
     * clear, so every key whose value holds a secret is added to the regex; likewise Kafka client properties holding
     * secrets (passed as source options) are added to {@code spark.sql.redaction.options.regex}, which plans and
     * explain output honour.
     */
    public static Map<String, String> of(SparkConfig spark, KafkaConfig kafka, SecretMasker masker) {
        Map<String, String> conf = new LinkedHashMap<>();
        // Windows are aligned and written in UTC whatever the machine's zone.
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.sql.shuffle.partitions", String.valueOf(spark.shufflePartitions()));
        if (spark.stateStore() == SparkConfig.StateStore.ROCKSDB) {
            conf.put("spark.sql.streaming.stateStore.providerClass", ROCKSDB_PROVIDER);
        }
        conf.putAll(spark.conf());
        List<String> secretKeys = new ArrayList<>();
        conf.forEach((key, value) -> {
            if (holdsSecret(value, masker)) {
                secretKeys.add(key.startsWith(HADOOP_PREFIX) ? key.substring(HADOOP_PREFIX.length()) : key);
            }
        });
        if (!secretKeys.isEmpty()) {
            conf.put("spark.redaction.regex", extended(conf.getOrDefault("spark.redaction.regex", SPARK_DEFAULT_REDACTION), secretKeys));
        }
        List<String> secretOptions = new ArrayList<>();
        // No Kafka for a session that reads none (explain, the bench's settings): then there are no source options to redact.
        if (kafka != null) {
            kafka.clientProperties().forEach((key, value) -> {
                if (holdsSecret(value, masker)) {
                    secretOptions.add("kafka." + key);
                }
            });
        }
        if (!secretOptions.isEmpty()) {
            conf.put("spark.sql.redaction.options.regex",
                    extended(conf.getOrDefault("spark.sql.redaction.options.regex", SPARK_DEFAULT_OPTIONS_REDACTION), secretOptions));
        }
        return conf;
    }

    private static boolean holdsSecret(String value, SecretMasker masker) {
        return value != null && !value.equals(masker.mask(value));
    }

    /** The regex, or'ed with each key literally (Spark matches anywhere in the key, so a key is enough). */
    private static String extended(String regex, List<String> keys) {
        StringBuilder out = new StringBuilder(regex);
        for (String key : keys) {
            out.append('|').append(Pattern.quote(key));
        }
        return out.toString();
    }

    /** A session for the job; the master comes from spark-submit when it set one, else from the config. */
    public static SparkSession session(String appName, SparkConfig spark) {
        return session(appName, spark, null, new SecretMasker());
    }

    /** A session whose UI, event log and plans redact every setting that holds one of the masker's secrets. */
    public static SparkSession session(String appName, SparkConfig spark, KafkaConfig kafka, SecretMasker masker) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        String master = System.getProperty("spark.master");
        if (master == null) {
            master = spark.master();
            builder.master(master);
        }
        Map<String, String> conf = of(spark, kafka, masker);
        if (master.startsWith("local")) {
            // Driver and executors are this JVM: bind to loopback, where the local stack is, instead of the first
            // network interface Spark finds (and warns about when the host name resolves to 127.0.0.1).
            conf.putIfAbsent("spark.driver.bindAddress", LOOPBACK);
            conf.putIfAbsent("spark.driver.host", LOOPBACK);
        }
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }
}
