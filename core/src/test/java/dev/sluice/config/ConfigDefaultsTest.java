package dev.sluice.config;

import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.AggregationConfig.StartingOffsets;
import dev.sluice.config.ConditionConfig.Operator;
import dev.sluice.config.EventTypeConfig.CleanupPolicy;
import dev.sluice.config.SparkConfig.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Pins every default (as Trino's {@code assertRecordedDefaults} does): each key of each config file with the value
 * an empty config binds it to. Changing a default, or adding a key without a line here, fails this test, so the
 * change is made on purpose and shows up in review next to docs/config-reference.md.
 */
class ConfigDefaultsTest {

    /** A key that has no default: a config without it is an error (or, for a map entry's name, the map key). */
    private static final Object REQUIRED = new Object() {
        @Override
        public String toString() {
            return "required";
        }
    };

    /** A mapping of optional keys: left out, it is there with each of its keys (pinned on their own lines) at their defaults. */
    private static final Object SECTION = new Object() {
        @Override
        public String toString() {
            return "section of defaults";
        }
    };

    @Test
    void emptyConfigBindsEveryRecordedDefault() {
        assertRecordedDefaults(PlatformConfig.class, new Expected()
                .with("kafka", REQUIRED)
                .with("kafka.bootstrapServers", REQUIRED)
                .with("kafka.clientProperties", Map.of())
                .with("registry", REQUIRED)
                .with("registry.url", REQUIRED)
                .with("registry.subjectNameStrategy", SubjectNameStrategy.TOPIC)
                .with("registry.defaultCompatibility", CompatibilityMode.BACKWARD)
                .with("registry.username", null)
                .with("registry.password", null)
                .with("registry.timeout", Duration.ofSeconds(10))
                .with("clickhouse", REQUIRED)
                .with("clickhouse.url", REQUIRED)
                .with("clickhouse.database", "sluice")
                .with("clickhouse.username", "default")
                .with("clickhouse.password", null)
                .with("clickhouse.cluster", null)
                .with("clickhouse.insertRetry", SECTION)
                .with("clickhouse.insertRetry.maxAttempts", 8)
                .with("clickhouse.insertRetry.initialBackoff", Duration.ofMillis(500))
                .with("clickhouse.insertRetry.maxBackoff", Duration.ofSeconds(30))
                .with("spark", SECTION)
                .with("spark.master", "local[2]")
                .with("spark.shufflePartitions", 4)
                .with("spark.triggerInterval", Duration.ofSeconds(10))
                .with("spark.stateStore", StateStore.HDFS)
                .with("spark.maxOffsetsPerTrigger", 500_000L)
                .with("spark.conf", Map.of())
                .with("checkpoints", SECTION)
                .with("checkpoints.location", "var/checkpoints")
                .with("secrets", SECTION)
                .with("secrets.backends", List.of())
                .with("secrets.backends[].type", REQUIRED)
                .with("secrets.backends[].prefix", "SLUICE_SECRET_")
                .with("secrets.backends[].path", null)
                .with("metrics", SECTION)
                .with("metrics.enabled", true)
                .with("metrics.port", 9464)
                .with("redis", null)
                .with("redis.url", REQUIRED)
                .with("redis.username", null)
                .with("redis.password", null)
                .with("redis.tls", false)
                .with("redis.keyPrefix", "sluice")
                .with("redis.timeout", Duration.ofSeconds(2))
                .with("redis.batchSize", 500)
                .with("redis.writeRetry", SECTION)
                .with("redis.writeRetry.maxAttempts", 8)
                .with("redis.writeRetry.initialBackoff", Duration.ofMillis(500))
                .with("redis.writeRetry.maxBackoff", Duration.ofSeconds(30)));

        assertRecordedDefaults(DomainConfig.class, new Expected()
                .with("name", REQUIRED)
                .with("description", null)
                .with("entities", Map.of())
                .with("entities.<entity>.name", REQUIRED)
                .with("entities.<entity>.description", null)
                .with("entities.<entity>.idPrefix", null)
                .with("entities.<entity>.poolSize", 10_000)
                .with("events", REQUIRED)
                .with("events.<event>.name", REQUIRED)
                .with("events.<event>.doc", null)
                .with("events.<event>.topic", REQUIRED)
                .with("events.<event>.key", REQUIRED)
                .with("events.<event>.partitions", 6)
                .with("events.<event>.replicationFactor", 1)
                .with("events.<event>.retention", Duration.ofDays(7))
                .with("events.<event>.cleanupPolicy", CleanupPolicy.DELETE)
                .with("events.<event>.compatibility", null)
                .with("events.<event>.fields", REQUIRED)
                .with("events.<event>.fields[].name", REQUIRED)
                .with("events.<event>.fields[].type", REQUIRED)
                .with("events.<event>.fields[].doc", null)
                .with("events.<event>.fields[].optional", false)
                .with("events.<event>.fields[].symbols", List.of())
                .with("events.<event>.fields[].entity", null)
                .with("events.<event>.fields[].currency", null)
                .with("events.<event>.fields[].generate", SECTION)
                .with("events.<event>.fields[].generate.values", List.of())
                .with("events.<event>.fields[].generate.weights", List.of())
                .with("events.<event>.fields[].generate.min", null)
                .with("events.<event>.fields[].generate.max", null)
                .with("events.<event>.fields[].generate.distribution", null)
                .with("events.<event>.fields[].generate.median", null)
                .with("events.<event>.fields[].generate.spread", null)
                .with("events.<event>.fields[].generate.dependsOn", null)
                .with("events.<event>.fields[].generate.medianBy", Map.of())
                .with("events.<event>.fields[].generate.nullRate", null)
                .with("dimensions", Map.of())
                .with("dimensions.<dimension>.name", REQUIRED)
                .with("dimensions.<dimension>.field", null)
                .with("dimensions.<dimension>.doc", null)
                .with("aggregations", Map.of())
                .with("aggregations.<aggregation>.name", REQUIRED)
                .with("aggregations.<aggregation>.description", null)
                .with("aggregations.<aggregation>.event", REQUIRED)
                .with("aggregations.<aggregation>.window", REQUIRED)
                .with("aggregations.<aggregation>.window.type", REQUIRED)
                .with("aggregations.<aggregation>.window.size", null)
                .with("aggregations.<aggregation>.window.slide", null)
                .with("aggregations.<aggregation>.window.gap", null)
                .with("aggregations.<aggregation>.watermark", REQUIRED)
                .with("aggregations.<aggregation>.groupBy", List.of())
                .with("aggregations.<aggregation>.filter", List.of())
                .with("aggregations.<aggregation>.filter[].field", REQUIRED)
                .with("aggregations.<aggregation>.filter[].op", Operator.EQ)
                .with("aggregations.<aggregation>.filter[].value", null)
                .with("aggregations.<aggregation>.filter[].values", List.of())
                .with("aggregations.<aggregation>.measures", REQUIRED)
                .with("aggregations.<aggregation>.measures.<measure>.name", REQUIRED)
                .with("aggregations.<aggregation>.measures.<measure>.type", REQUIRED)
                .with("aggregations.<aggregation>.measures.<measure>.field", null)
                .with("aggregations.<aggregation>.measures.<measure>.where", List.of())
                .with("aggregations.<aggregation>.measures.<measure>.where[].field", REQUIRED)
                .with("aggregations.<aggregation>.measures.<measure>.where[].op", Operator.EQ)
                .with("aggregations.<aggregation>.measures.<measure>.where[].value", null)
                .with("aggregations.<aggregation>.measures.<measure>.where[].values", List.of())
                .with("aggregations.<aggregation>.measures.<measure>.percentile", null)
                .with("aggregations.<aggregation>.measures.<measure>.relativeError", 0.02)
                .with("aggregations.<aggregation>.measures.<measure>.numerator", null)
                .with("aggregations.<aggregation>.measures.<measure>.denominator", null)
                .with("aggregations.<aggregation>.measures.<measure>.doc", null)
                .with("aggregations.<aggregation>.outputMode", OutputMode.UPDATE)
                .with("aggregations.<aggregation>.table", null)
                .with("aggregations.<aggregation>.trigger", null)
                .with("aggregations.<aggregation>.deduplicate", false)
                .with("aggregations.<aggregation>.startingOffsets", StartingOffsets.EARLIEST)
                .with("aggregations.<aggregation>.maxOffsetsPerTrigger", null)
                .with("aggregations.<aggregation>.online", null)
                .with("aggregations.<aggregation>.online.ttl", REQUIRED)
                .with("aggregations.<aggregation>.online.flags", Map.of())
                .with("aggregations.<aggregation>.online.flags.<flag>.name", REQUIRED)
                .with("aggregations.<aggregation>.online.flags.<flag>.measure", REQUIRED)
                .with("aggregations.<aggregation>.online.flags.<flag>.op", Operator.EQ)
                .with("aggregations.<aggregation>.online.flags.<flag>.value", null)
                .with("aggregations.<aggregation>.online.flags.<flag>.values", List.of())
                .with("generator", SECTION)
                .with("generator.sessions", null)
                .with("generator.sessions.entity", REQUIRED)
                .with("generator.sessions.steps", REQUIRED)
                .with("generator.sessions.steps[].event", REQUIRED)
                .with("generator.sessions.steps[].probability", 1.0)
                .with("generator.sessions.steps[].minRepeat", 1)
                .with("generator.sessions.steps[].maxRepeat", 1)
                .with("generator.sessions.meanGap", Duration.ofSeconds(20))
                .with("generator.fraud", SECTION)
                .with("generator.fraud.rate", 0.01)
                .with("generator.fraud.event", null)
                .with("generator.fraud.labelField", null)
                .with("generator.fraud.patterns", List.of())
                .with("generator.backgroundEvents", Map.of())
                .with("reports", Map.of())
                .with("reports.<report>.name", REQUIRED)
                .with("reports.<report>.description", REQUIRED)
                .with("reports.<report>.sql", REQUIRED));
    }

    /**
     * The loader fills an omitted key exactly as {@link ConfigDefaults} does: a config that writes only the required
     * keys loads with every other key equal to the pinned defaults, sections included (the guards that code used to
     * have for them were dead), and sections with a required key of their own (redis, online, sessions) absent.
     */
    @Test
    void theLoaderFillsOmittedKeysWithTheSameDefaults(@TempDir Path repo) throws Exception {
        write(repo, "config/platform.yaml", """
                kafka: { bootstrapServers: "127.0.0.1:9092" }
                registry: { url: "http://127.0.0.1:8081" }
                clickhouse: { url: "http://127.0.0.1:8123" }
                """);
        write(repo, "config/domains/shop.yaml", """
                name: shop
                events:
                  order:
                    topic: shop.orders
                    key: order_id
                    fields: [{ name: order_id, type: string }]
                aggregations:
                  orders_per_minute:
                    event: order
                    window: { type: tumbling, size: 1 minute }
                    watermark: 1 minute
                    measures: { orders: { type: count, where: [{ field: order_id, value: x }] } }
                """);
        write(repo, "environments/dev.yaml", "{}\n");
        SluiceConfig config = ConfigLoader.forRepository(repo, Map.of()).load("dev");

        PlatformConfig platform = config.platform();
        assertOmittedKeysAreDefaults(platform);
        assertOmittedKeysAreDefaults(platform.kafka());
        assertOmittedKeysAreDefaults(platform.registry());
        assertOmittedKeysAreDefaults(platform.clickhouse());
        assertNull(platform.redis(), "redis has a required url: left out, there is none");

        DomainConfig shop = config.domain("shop");
        assertOmittedKeysAreDefaults(shop, "aggregations");
        EventTypeConfig order = shop.event("order");
        assertOmittedKeysAreDefaults(order);
        assertOmittedKeysAreDefaults(order.fields().get(0));
        AggregationConfig aggregation = shop.aggregations().get("orders_per_minute");
        assertOmittedKeysAreDefaults(aggregation);
        assertOmittedKeysAreDefaults(aggregation.window(), "size");
        assertOmittedKeysAreDefaults(aggregation.measures().get("orders"), "where");
        assertOmittedKeysAreDefaults(aggregation.measures().get("orders").where().get(0), "value");
        assertNull(aggregation.online(), "online has a required ttl: left out, there is none");
        assertNull(shop.generator().sessions(), "sessions have a required entity: left out, there are none");
    }

    /** Every key of {@code loaded} that the config file did not write (required keys aside) equals its default. */
    private static void assertOmittedKeysAreDefaults(Record loaded, String... written) throws ReflectiveOperationException {
        Record defaults = ConfigDefaults.of(loaded.getClass());
        for (RecordComponent component : loaded.getClass().getRecordComponents()) {
            if (component.isAnnotationPresent(Required.class) || List.of(written).contains(component.getName())) {
                continue;
            }
            Object value = component.getAccessor().invoke(loaded);
            assertEquals(component.getAccessor().invoke(defaults), value,
                    loaded.getClass().getSimpleName() + "." + component.getName() + " left out");
            if (ConfigOption.isSection(component.getType())) {
                assertNotNull(value, component.getName() + ": a section of optional keys is never null");
            }
        }
    }

    private static void assertRecordedDefaults(Class<? extends Record> root, Expected expected) {
        List<ConfigOption> options = ConfigOptions.of(root);
        List<String> paths = options.stream().map(ConfigOption::path).toList();
        List<String> unpinned = paths.stream().filter(p -> !expected.values.containsKey(p)).toList();
        List<String> unknown = expected.values.keySet().stream().filter(p -> !paths.contains(p)).toList();
        if (!unpinned.isEmpty() || !unknown.isEmpty()) {
            fail(root.getSimpleName() + ": pin every key and only existing ones; not pinned: " + unpinned + ", no such key: " + unknown);
        }
        List<String> wrong = new ArrayList<>();
        for (ConfigOption option : options) {
            Object want = expected.values.get(option.path());
            Object bound = boundDefault(option);
            String problem = check(option, want, bound);
            if (problem != null) {
                wrong.add(option.path() + ": " + problem);
            }
        }
        assertTrue(wrong.isEmpty(), root.getSimpleName() + " defaults differ from the pinned ones:\n  " + String.join("\n  ", wrong));
    }

    private static String check(ConfigOption option, Object want, Object bound) {
        if (want == REQUIRED) {
            boolean unset = bound == null || bound.equals(0) || bound.equals(false);
            return option.required() && unset ? null : "pinned as required, but it has a default: " + bound;
        }
        if (option.required()) {
            return "pinned as " + want + ", but it is required";
        }
        if (want == SECTION) {
            boolean defaults = option.section() && bound != null && bound.equals(ConfigDefaults.of(sectionType(option)));
            return defaults ? null : "pinned as a section of defaults, but it binds to " + bound;
        }
        return Objects.equals(want, bound) ? null : "pinned " + want + ", binds to " + bound;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Record> sectionType(ConfigOption option) {
        return (Class<? extends Record>) option.component().getType();
    }

    private static Object boundDefault(ConfigOption option) {
        try {
            return option.component().getAccessor().invoke(ConfigDefaults.of(option.owner()));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(option.path(), e);
        }
    }

    private static void write(Path repo, String file, String content) throws Exception {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    /** Key path to its pinned default, in the order written (null: the key is unset unless the YAML sets it). */
    private static final class Expected {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Expected with(String path, Object value) {
            if (values.containsKey(path)) {
                throw new IllegalArgumentException(path + " pinned twice");
            }
            values.put(path, value);
            return this;
        }
    }
}
