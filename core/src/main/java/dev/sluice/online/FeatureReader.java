package dev.sluice.online;

import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.RedisConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads online features: the embeddable lookup for a model service, and what {@code bin/sluice features get} uses.
 * Thread-safe (a pooled client); one lookup is one pipelined round trip (HGETALL + PTTL), however many keys.
 *
 * <pre>{@code
 * try (FeatureReader features = FeatureReader.connect("redis://127.0.0.1:16379")) {
 *     Optional<Features> card = features.get("payments", "card_velocity_10m", "card_000042");
 *     boolean risky = card.flatMap(f -> f.flag("is_high_velocity")).orElse(false);
 * }
 * }</pre>
 */
public final class FeatureReader implements AutoCloseable {

    private final RedisClient client;
    private final RedisEndpoint endpoint;
    private final String keyPrefix;

    public FeatureReader(RedisClient client, RedisEndpoint endpoint, String keyPrefix) {
        this.client = client;
        this.endpoint = endpoint;
        this.keyPrefix = keyPrefix;
    }

    /** With {@code platform.redis} of the config (password, TLS, timeout, key prefix). */
    public static FeatureReader connect(RedisConfig config) {
        RedisEndpoint endpoint = RedisEndpoint.of(config);
        return new FeatureReader(endpoint.connect(), endpoint, config.keyPrefix());
    }

    /** A passwordless Redis, e.g. the local stack's, with the default key prefix. */
    public static FeatureReader connect(String url) {
        return connect(ConfigDefaults.of(RedisConfig.class, Map.of("url", url)));
    }

    public Optional<Features> get(String domain, String aggregation, String entityId) {
        return getAll(domain, aggregation, List.of(entityId)).get(entityId);
    }

    /**
     * @return every requested id, in order, with its features or empty (never written, or expired)
     * @throws OnlineReadException when Redis cannot be asked; its message never contains the password
     */
    public Map<String, Optional<Features>> getAll(String domain, String aggregation, List<String> entityIds) {
        List<Response<Map<String, String>>> hashes = new ArrayList<>(entityIds.size());
        List<Response<Long>> ttls = new ArrayList<>(entityIds.size());
        try (AbstractPipeline pipeline = client.pipelined()) {
            for (String id : entityIds) {
                String key = FeatureKeys.key(keyPrefix, domain, aggregation, id);
                hashes.add(pipeline.hgetAll(key));
                ttls.add(pipeline.pttl(key));
            }
            pipeline.sync();
            Map<String, Optional<Features>> result = new LinkedHashMap<>();
            for (int i = 0; i < entityIds.size(); i++) {
                result.put(entityIds.get(i), parse(entityIds.get(i), hashes.get(i).get(), ttls.get(i).get()));
            }
            return result;
        } catch (JedisException e) {
            RedisFailures.Failure failure = RedisFailures.classify(e);
            throw new OnlineReadException("reading online features of " + domain + "." + aggregation + " from " + endpoint.display()
                    + " failed (" + failure.reason() + "): " + endpoint.redactor().redact(e.getMessage()) + "; " + failure.advice(), failure);
        }
    }

    static Optional<Features> parse(String entityId, Map<String, String> hash, long ttlMs) {
        if (hash == null || hash.isEmpty() || !hash.containsKey(FeatureKeys.WINDOW_START)) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        hash.forEach((field, value) -> {
            if (!FeatureKeys.bookkeeping(field)) {
                values.put(field, value);
            }
        });
        return Optional.of(new Features(entityId,
                Instant.ofEpochMilli(Long.parseLong(hash.get(FeatureKeys.WINDOW_START))),
                Instant.ofEpochMilli(Long.parseLong(hash.get(FeatureKeys.WINDOW_END))),
                Long.parseLong(hash.get(FeatureKeys.VERSION)),
                Instant.ofEpochMilli(Long.parseLong(hash.get(FeatureKeys.UPDATED_AT))),
                ttlMs >= 0 ? Optional.of(Duration.ofMillis(ttlMs)) : Optional.empty(),
                values));
    }

    public String endpoint() {
        return endpoint.display();
    }

    @Override
    public void close() {
        client.close();
    }
}
