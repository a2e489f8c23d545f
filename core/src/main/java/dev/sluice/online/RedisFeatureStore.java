package dev.sluice.online;

import dev.sluice.clickhouse.Redactor;
import dev.sluice.clickhouse.Retrier;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.config.RedisConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link FeatureStore} on Redis. Each update is one call of a server-side Lua script ({@code monotonic-write.lua})
 * that compares the stored window and version with the update's and writes only if the update is not older, so the
 * check and the write are atomic and need no read round trip from Spark. Calls go out pipelined,
 * {@code redis.batchSize} per round trip.
 *
 * <p>A failed write is retried as a whole per {@code redis.writeRetry} (re-applying an update is harmless: equal
 * updates rewrite the same values, older ones are skipped); what still fails is thrown as a {@link SinkException}
 * of the failure's kind, with the password removed from the message.
 */
public final class RedisFeatureStore implements FeatureStore {

    /** Hears every failed attempt (retried or not), by reason: the metrics' errors-by-kind. */
    @FunctionalInterface
    public interface FailureListener {
        void failed(String reason);

        FailureListener NONE = reason -> { };
    }

    static final String SCRIPT = readScript();

    private final RedisClient client;
    private final RedisEndpoint endpoint;
    private final int batchSize;
    private final Retrier retrier;
    private final Redactor redactor;
    private final FailureListener listener;

    public RedisFeatureStore(RedisClient client, RedisEndpoint endpoint, int batchSize, RetryPolicy policy, FailureListener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("redis.batchSize must be at least 1 [bad config]");
        }
        this.client = client;
        this.endpoint = endpoint;
        this.batchSize = batchSize;
        this.redactor = endpoint.redactor();
        this.retrier = new Retrier(policy, redactor);
        this.listener = listener;
    }

    public static RedisFeatureStore open(RedisConfig config, FailureListener listener) {
        RedisEndpoint endpoint = RedisEndpoint.of(config);
        return new RedisFeatureStore(endpoint.connect(), endpoint, config.batchSize(), RetryPolicy.from(config.writeRetry()), listener);
    }

    @Override
    public WriteResult write(List<FeatureUpdate> updates, Duration ttl) {
        if (updates.isEmpty()) {
            return new WriteResult(0, 0);
        }
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("online ttl must be at least 1 ms [bad config]");
        }
        String what = "online feature write of " + updates.size() + " entities to " + endpoint.display();
        return retrier.run(what, attempt -> writeOnce(what, updates, ttl, attempt));
    }

    private WriteResult writeOnce(String what, List<FeatureUpdate> updates, Duration ttl, int attempt) {
        try {
            // Loaded on every write, not once: a restarted Redis has forgotten it. SCRIPT LOAD is idempotent and cheap.
            String sha = client.scriptLoad(SCRIPT);
            String ttlMs = Long.toString(ttl.toMillis());
            long written = 0;
            long stale = 0;
            for (int from = 0; from < updates.size(); from += batchSize) {
                List<FeatureUpdate> chunk = updates.subList(from, Math.min(updates.size(), from + batchSize));
                List<Response<Object>> responses = new ArrayList<>(chunk.size());
                try (AbstractPipeline pipeline = client.pipelined()) {
                    for (FeatureUpdate update : chunk) {
                        responses.add(pipeline.evalsha(sha, List.of(update.key()), arguments(update, ttlMs)));
                    }
                    pipeline.sync();
                }
                for (Response<Object> response : responses) {
                    if (((Long) response.get()) == 1L) {
                        written++;
                    } else {
                        stale++;
                    }
                }
            }
            return new WriteResult(written, stale);
        } catch (JedisException e) {
            RedisFailures.Failure failure = RedisFailures.classify(e);
            listener.failed(failure.reason());
            throw new SinkException(failure.kind(), what + " failed (" + failure.reason() + "): "
                    + redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()) + "; " + failure.advice()
                    + (failure.kind() == dev.sluice.clickhouse.FailureKind.RETRIABLE ? "; the batch is not committed and is retried" : ""), 0, attempt, null);
        }
    }

    static List<String> arguments(FeatureUpdate update, String ttlMs) {
        List<String> args = new ArrayList<>(4 + 2 * update.features().size());
        args.add(Long.toString(update.windowStartMs()));
        args.add(Long.toString(update.windowEndMs()));
        args.add(Long.toString(update.version()));
        args.add(ttlMs);
        for (Map.Entry<String, String> feature : update.features().entrySet()) {
            args.add(feature.getKey());
            args.add(feature.getValue());
        }
        return args;
    }

    @Override
    public void close() {
        client.close();
    }

    private static String readScript() {
        try (InputStream in = RedisFeatureStore.class.getResourceAsStream("monotonic-write.lua")) {
            if (in == null) {
                throw new IllegalStateException("bug: monotonic-write.lua is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
