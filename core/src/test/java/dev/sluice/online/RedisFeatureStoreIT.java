package dev.sluice.online;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.config.RedisConfig;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monotonic write, TTL, pipelining and the reader against the stack's real Redis. */
@ExtendWith(RealStack.class)
class RedisFeatureStoreIT {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final long T0 = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private RedisEndpoint endpoint;
    private RedisFeatureStore store;
    private FeatureReader reader;
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void connect(StackEndpoints stack) {
        endpoint = RedisEndpoint.of(stack.redisUrl());
        store = new RedisFeatureStore(endpoint.connect(), endpoint, 2, RetryPolicy.none(), failures::add);
        reader = new FeatureReader(endpoint.connect(), endpoint, prefix);
    }

    @AfterEach
    void close() {
        store.close();
        reader.close();
    }

    private String key(String id) {
        return FeatureKeys.key(prefix, "payments", "card_velocity_10m", id);
    }

    private FeatureUpdate update(String id, long windowStart, long version, String transactions) {
        return new FeatureUpdate(key(id), windowStart, windowStart + 10 * MINUTE, version, Map.of("transactions", transactions,
                "is_high_velocity", Boolean.toString(Long.parseLong(transactions) >= 5)));
    }

    private long transactions(String id) {
        return reader.get("payments", "card_velocity_10m", id).orElseThrow().asLong("transactions").orElseThrow();
    }

    @Test
    void anOlderWindowOrVersionNeverOverwritesANewerOne() {
        assertEquals(new FeatureStore.WriteResult(1, 0), store.write(List.of(update("c1", T0 + MINUTE, 100, "3")), TTL));

        assertEquals(new FeatureStore.WriteResult(0, 1), store.write(List.of(update("c1", T0, 200, "9")), TTL),
                "an older window with a higher version (a replay of an older range) is stale");
        assertEquals(3, transactions("c1"));
        assertEquals(new FeatureStore.WriteResult(0, 1), store.write(List.of(update("c1", T0 + MINUTE, 99, "1")), TTL),
                "the same window from an older batch is stale");
        assertEquals(3, transactions("c1"));

        assertEquals(new FeatureStore.WriteResult(1, 0), store.write(List.of(update("c1", T0 + MINUTE, 100, "3")), TTL),
                "the same write again (a retried batch) rewrites the same values");
        assertEquals(new FeatureStore.WriteResult(1, 0), store.write(List.of(update("c1", T0 + MINUTE, 101, "4")), TTL),
                "the same window from a newer batch (an update-mode window growing) replaces it");
        assertEquals(4, transactions("c1"));
        assertEquals(new FeatureStore.WriteResult(1, 0), store.write(List.of(update("c1", T0 + 2 * MINUTE, 50, "6")), TTL),
                "a newer window wins whatever its version");
        Features features = reader.get("payments", "card_velocity_10m", "c1").orElseThrow();
        assertEquals(6, features.asLong("transactions").orElseThrow());
        assertEquals(Optional.of(true), features.flag("is_high_velocity"));
        assertEquals(Instant.ofEpochMilli(T0 + 2 * MINUTE), features.windowStart());
        assertEquals(Instant.ofEpochMilli(T0 + 12 * MINUTE), features.windowEnd());
        assertEquals(50, features.version());
        assertTrue(features.age(Clock.systemUTC()).compareTo(Duration.ofSeconds(30)) < 0, "written just now: " + features.updatedAt());
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void versionsAreComparedExactlyNotAsDoubles() {
        // 2^53 + 1 and 2^53 are the same double; as decimal strings the larger one wins.
        store.write(List.of(update("c2", T0, 9_007_199_254_740_993L, "2")), TTL);
        assertEquals(new FeatureStore.WriteResult(0, 1), store.write(List.of(update("c2", T0, 9_007_199_254_740_992L, "1")), TTL));
        assertEquals(2, transactions("c2"));
    }

    @Test
    void manyEntitiesGoOutInPipelinedBatchesAndAllArrive() {
        List<FeatureUpdate> updates = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {  // batch size 2: four round trips
            updates.add(update("m" + i, T0, 1, Integer.toString(i)));
            ids.add("m" + i);
        }
        assertEquals(new FeatureStore.WriteResult(7, 0), store.write(updates, TTL));
        Map<String, Optional<Features>> read = reader.getAll("payments", "card_velocity_10m", ids);
        assertEquals(ids, List.copyOf(read.keySet()));
        for (int i = 0; i < 7; i++) {
            assertEquals(i, read.get("m" + i).orElseThrow().asLong("transactions").orElseThrow());
        }
        assertEquals(Optional.empty(), reader.get("payments", "card_velocity_10m", "never-written"));
    }

    @Test
    void featuresExpireAfterTheirTtl() throws InterruptedException {
        store.write(List.of(update("t1", T0, 1, "1")), Duration.ofMillis(800));
        Features features = reader.get("payments", "card_velocity_10m", "t1").orElseThrow();
        assertTrue(features.expiresIn().orElseThrow().toMillis() <= 800, features.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reader.get("payments", "card_velocity_10m", "t1").isPresent()) {
            assertTrue(System.nanoTime() < deadline, "the hash must expire after its 800 ms TTL");
            Thread.sleep(100);
        }
    }

    @Test
    void aServerThatForgotTheScriptGetsItAgain() {
        store.write(List.of(update("s1", T0, 1, "1")), TTL);
        try (RedisClient admin = endpoint.connect()) {
            admin.scriptFlush();  // what a Redis restart does to the script cache
        }
        assertEquals(new FeatureStore.WriteResult(1, 0), store.write(List.of(update("s1", T0, 2, "2")), TTL));
        assertEquals(2, transactions("s1"));
    }

    @Test
    void anUnreachableRedisIsRetriableAndWrongCredentialsAreBadConfigWithoutThePassword() {
        RedisEndpoint closed = RedisEndpoint.of("redis://127.0.0.1:1");
        List<String> seen = new ArrayList<>();
        try (RedisFeatureStore down = new RedisFeatureStore(closed.connect(), closed, 10, new RetryPolicy(2, Duration.ZERO, Duration.ZERO), seen::add)) {
            SinkException e = assertThrows(SinkException.class, () -> down.write(List.of(update("x", T0, 1, "1")), TTL));
            assertEquals(FailureKind.RETRIABLE, e.kind());
            assertTrue(e.getMessage().startsWith("online feature write of 1 entities to redis://127.0.0.1:1 failed (connection)"), e.getMessage());
        }
        assertEquals(List.of("connection", "connection"), seen, "both attempts counted by kind");

        String password = "Planted-redis-pw-" + UUID.randomUUID();
        RedisEndpoint wrong = RedisEndpoint.of(new RedisConfig(endpoint.display(), "nobody", password, false, prefix, Duration.ofSeconds(2), 10, null));
        try (RedisFeatureStore denied = new RedisFeatureStore(wrong.connect(), wrong, 10, RetryPolicy.none(), seen::add)) {
            SinkException e = assertThrows(SinkException.class, () -> denied.write(List.of(update("x", T0, 1, "1")), TTL));
            assertEquals(FailureKind.BAD_CONFIG, e.kind(), e.getMessage());
            assertFalse(e.getMessage().contains(password), e.getMessage());
            assertTrue(e.getMessage().contains("(auth)"), e.getMessage());
        }
    }
}
