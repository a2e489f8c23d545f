package dev.sluice.spark;

import dev.sluice.config.KafkaConfig;
import dev.sluice.config.SparkConfig;
import dev.sluice.secrets.SecretMasker;
import org.apache.spark.SparkConf;
import org.apache.spark.util.Utils;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import scala.collection.JavaConverters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobSparkConfTest {

    private static final String AZURE_KEY = "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net";
    private static final String SECRET = "planted-azure-key-value";

    private static SparkConfig spark(Map<String, String> conf) {
        return new SparkConfig("local[2]", 2, Duration.ofSeconds(1), SparkConfig.StateStore.HDFS, 1000, conf);
    }

    /** What Spark's UI, event log and history server show for these settings. */
    private static List<String> shown(Map<String, String> conf, String... extra) {
        SparkConf sparkConf = new SparkConf(false);
        conf.forEach(sparkConf::set);
        List<Tuple2<String, String>> pairs = new ArrayList<>();
        conf.forEach((k, v) -> pairs.add(new Tuple2<>(k, v)));
        for (int i = 0; i < extra.length; i += 2) {
            pairs.add(new Tuple2<>(extra[i], extra[i + 1]));
        }
        List<String> out = new ArrayList<>();
        JavaConverters.seqAsJavaList(Utils.redact(sparkConf, JavaConverters.asScalaBuffer(pairs).toSeq()))
                .forEach(t -> out.add(t._1() + "=" + t._2()));
        return out;
    }

    @Test
    void settingsHoldingSecretsAreRedactedWhateverTheirKeySays() {
        SecretMasker masker = new SecretMasker();
        masker.register(SECRET);
        Map<String, String> conf = JobSparkConf.of(spark(Map.of(AZURE_KEY, SECRET, "spark.ui.enabled", "false")), null, masker);

        List<String> shown = shown(conf, "fs.azure.account.key.acct.dfs.core.windows.net", SECRET);
        assertTrue(shown.stream().noneMatch(s -> s.contains(SECRET)), shown.toString());
        assertTrue(shown.contains("spark.ui.enabled=false"), "other settings stay readable: " + shown);
        assertTrue(conf.get("spark.redaction.regex").startsWith(JobSparkConf.SPARK_DEFAULT_REDACTION + "|"), "Spark's defaults are kept");
    }

    @Test
    void withoutSecretsSparksDefaultsAreLeftAlone() {
        Map<String, String> conf = JobSparkConf.of(spark(Map.of(AZURE_KEY, "not-a-secret")), null, new SecretMasker());
        assertFalse(conf.containsKey("spark.redaction.regex"));
        assertFalse(conf.containsKey("spark.sql.redaction.options.regex"));
    }

    @Test
    void kafkaClientPropertiesHoldingSecretsAreRedactedAsSourceOptions() {
        SecretMasker masker = new SecretMasker();
        masker.register(SECRET);
        Map<String, String> conf = JobSparkConf.of(spark(Map.of()),
                new KafkaConfig("127.0.0.1:9092", Map.of("sasl.jaas.config", "x required username=a secret=" + SECRET, "acks", "all")), masker);
        assertEquals(JobSparkConf.SPARK_DEFAULT_OPTIONS_REDACTION + "|\\Qkafka.sasl.jaas.config\\E", conf.get("spark.sql.redaction.options.regex"));
    }
}
