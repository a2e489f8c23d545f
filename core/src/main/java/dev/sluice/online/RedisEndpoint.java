package dev.sluice.online;

import dev.sluice.clickhouse.Redactor;
import dev.sluice.config.ConfigDefaults;
import dev.sluice.config.RedisConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach the Redis of {@code platform.redis}: host, port, database, TLS, credentials. {@link #toString()} and
 * {@link #display()} never show the password; {@link #redactor()} removes it from any text that might echo it.
 */
public final class RedisEndpoint {

    public static final int DEFAULT_PORT = 6379;

    private final String host;
    private final int port;
    private final int database;
    private final boolean tls;
    private final String username;
    private final String password;
    private final Duration timeout;

    private RedisEndpoint(String host, int port, int database, boolean tls, String username, String password, Duration timeout) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.tls = tls;
        this.username = username == null || username.isBlank() ? null : username;
        this.password = password == null || password.isEmpty() ? null : password;
        this.timeout = timeout;
    }

    /** @throws IllegalArgumentException for a URL the config validator would have refused */
    public static RedisEndpoint of(RedisConfig config) {
        URI uri = URI.create(config.url());
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("redis.url must be redis://host:port[/db] without credentials [bad config]");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int database = path.isEmpty() || path.equals("/") ? 0 : Integer.parseInt(path.substring(1));
        return new RedisEndpoint(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), database,
                config.tls() || "rediss".equals(uri.getScheme()), config.username(), config.password(), config.timeout());
    }

    /** A passwordless endpoint, e.g. {@code redis://127.0.0.1:16379} (tools and tests). */
    public static RedisEndpoint of(String url) {
        return of(ConfigDefaults.of(RedisConfig.class, Map.of("url", url)));
    }

    /** A pooled, thread-safe client; connections are made on first use and re-made after a failure. */
    public RedisClient connect() {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .timeoutMillis((int) timeout.toMillis())
                .database(database)
                .ssl(tls)
                .clientName("sluice");
        if (username != null) {
            config.user(username);
        }
        if (password != null) {
            config.password(password);
        }
        return RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).build();
    }

    public Redactor redactor() {
        return new Redactor(password);
    }

    /** For messages: scheme, host, port and database; never credentials. */
    public String display() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port + (database == 0 ? "" : "/" + database);
    }

    @Override
    public String toString() {
        return display();
    }
}
