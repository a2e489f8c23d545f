package dev.sluice.online;

import dev.sluice.clickhouse.FailureKind;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.SocketTimeoutException;

/**
 * Classifies a failed Redis call: the {@link FailureKind} decides what the job does (RETRIABLE: wait and re-run the
 * batch, as for a ClickHouse outage), the reason is the metrics label ({@code sluice_online_errors_total{kind}}).
 */
public final class RedisFailures {

    /** @param reason short label: connection, timeout, auth, noscript, loading, readonly, busy, oom, wrong_type, other */
    public record Failure(FailureKind kind, String reason, String advice) {
    }

    private RedisFailures() {
    }

    public static Failure classify(Throwable e) {
        if (e instanceof JedisAccessControlException) {
            return new Failure(FailureKind.BAD_CONFIG, "auth", "check redis.username and redis.password (the secret) against the server's ACL");
        }
        if (e instanceof JedisConnectionException) {
            boolean timeout = hasCause(e, SocketTimeoutException.class);
            return new Failure(FailureKind.RETRIABLE, timeout ? "timeout" : "connection",
                    "is Redis up and reachable at redis.url?");
        }
        if (e instanceof JedisDataException) {
            String message = String.valueOf(e.getMessage());
            String code = message.split(" ", 2)[0];
            return switch (code) {
                // A restarted Redis has an empty script cache: the retry loads the script again.
                case "NOSCRIPT" -> new Failure(FailureKind.RETRIABLE, "noscript", "the server lost its script cache (restart); retried");
                case "LOADING" -> new Failure(FailureKind.RETRIABLE, "loading", "Redis is loading its data set; retried");
                case "READONLY", "MASTERDOWN" -> new Failure(FailureKind.RETRIABLE, "readonly", "connected to a replica during a failover; retried");
                case "BUSY" -> new Failure(FailureKind.RETRIABLE, "busy", "another script is running; retried");
                case "OOM" -> new Failure(FailureKind.RETRIABLE, "oom", "Redis reached maxmemory; free memory or raise maxmemory");
                case "NOAUTH", "WRONGPASS", "NOPERM" -> new Failure(FailureKind.BAD_CONFIG, "auth",
                        "check redis.username and redis.password (the secret) against the server's ACL");
                case "WRONGTYPE" -> new Failure(FailureKind.BAD_CONFIG, "wrong_type",
                        "a key under sluice:<domain>:<aggregation>: holds something other than a hash; the prefix must belong to Sluice");
                default -> new Failure(FailureKind.BUG, "other", "report it");
            };
        }
        return new Failure(FailureKind.BUG, "other", "report it");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
