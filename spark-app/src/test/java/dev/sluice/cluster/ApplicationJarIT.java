package dev.sluice.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What target/sluice-spark-app.jar holds, against what a Spark distribution ships ({@link SparkDistribution}):
 * everything the jobs need that the distribution lacks, and not one class the distribution has (a second copy of a
 * class can only ever be a second version of it). Runs after {@code package}, hence an IT; needs no services.
 */
class ApplicationJarIT {

    /** One class per part the jobs need from the jar: Sluice, the Kafka source, spark-avro, and their libraries. */
    private static final List<String> REQUIRED = List.of(
            "dev/sluice/spark/StreamingJobMain.class",
            "dev/sluice/replay/ReplayJobMain.class",
            "org/apache/spark/sql/kafka010/KafkaSourceProvider.class",
            "org/apache/spark/kafka010/KafkaTokenUtil.class",
            "org/apache/kafka/clients/consumer/KafkaConsumer.class",
            "org/apache/commons/pool2/impl/GenericKeyedObjectPool.class",
            "org/apache/spark/sql/avro/functions.class",
            "com/clickhouse/client/api/Client.class",
            "com/fasterxml/jackson/dataformat/yaml/YAMLFactory.class",
            "org/yaml/snakeyaml/Yaml.class",
            "io/prometheus/client/exporter/HTTPServer.class",
            "io/prometheus/client/hotspot/DefaultExports.class",
            // Online features: the Redis client, its Lua script, and the Gson it brings (relocated past Spark's 2.2.4).
            "redis/clients/jedis/RedisClient.class",
            "dev/sluice/online/monotonic-write.lua",
            "dev/sluice/shaded/com/google/gson/Gson.class",
            // Relocated: the distribution's Guava 14 would otherwise shadow the ClickHouse client's Guava 33.
            "dev/sluice/shaded/com/google/common/collect/ImmutableMap.class",
            "dev/sluice/shaded/org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class");

    private static final String DATA_SOURCES = "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister";

    @Test
    void holdsWhatTheJobsNeedAndNothingTheSparkDistributionShips(@TempDir Path dir) throws Exception {
        try (JarFile jar = new JarFile(SparkDistribution.property("sluice.app.jar"))) {
            for (String entry : REQUIRED) {
                assertNotNull(jar.getEntry(entry), "the application jar lacks " + entry);
            }
            // The Kafka source and spark-avro register themselves as data sources; the service files must be merged.
            String registered = text(jar, jar.getEntry(DATA_SOURCES));
            assertTrue(registered.contains("org.apache.spark.sql.kafka010.KafkaSourceProvider"), DATA_SOURCES + ":\n" + registered);
            assertTrue(registered.contains("org.apache.spark.sql.v2.avro.AvroDataSourceV2"), DATA_SOURCES + ":\n" + registered);
            // bin/sluice's logging setup stays out of the cluster's logging.
            assertEquals(null, jar.getEntry("log4j2.properties"), "log4j2.properties must not be in the application jar");

            Set<String> appClasses = classes(jar);
            TreeMap<String, List<String>> shippedByDistribution = new TreeMap<>();
            for (Path distributionJar : SparkDistribution.jars(dir)) {
                try (JarFile other = new JarFile(distributionJar.toFile())) {
                    for (String name : classes(other)) {
                        if (appClasses.contains(name)) {
                            shippedByDistribution.computeIfAbsent(distributionJar.getFileName().toString(), k -> new ArrayList<>()).add(name);
                        }
                    }
                }
            }
            assertTrue(shippedByDistribution.isEmpty(), "classes the Spark distribution already has (exclude the artifact in "
                    + "spark-app/pom.xml, or relocate it if Sluice needs another version): " + summary(shippedByDistribution));
        }
    }

    private static Set<String> classes(JarFile jar) {
        Set<String> names = new TreeSet<>();
        jar.stream().map(ZipEntry::getName)
                .filter(name -> name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class"))
                .forEach(names::add);
        return names;
    }

    private static String text(JarFile jar, ZipEntry entry) throws IOException {
        assertNotNull(entry, "the application jar has no " + DATA_SOURCES);
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String summary(TreeMap<String, List<String>> byJar) {
        StringBuilder out = new StringBuilder();
        byJar.forEach((jar, names) -> out.append("\n  ").append(jar).append(": ").append(names.size()).append(" classes, e.g. ")
                .append(names.subList(0, Math.min(3, names.size()))));
        return out.toString();
    }
}
