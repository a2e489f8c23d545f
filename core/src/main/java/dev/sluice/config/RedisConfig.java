package dev.sluice.config;

import java.time.Duration;

/** The Redis server that holds online features (aggregations with {@code online:}). */
public record RedisConfig(
        @Required @Doc("redis://host:port[/db] (rediss:// also switches TLS on); no password here, use password.") String url,
        @Doc("Redis user (ACL); empty for the default user.") String username,
        @Doc("Redis password; use ${secret:name}.") String password,
        @Default("false") @Doc("Connect with TLS.") boolean tls,
        @Default("sluice") @Doc("First part of every key, <keyPrefix>:<domain>:<aggregation>:<id>; give environments sharing one Redis their own.")
        String keyPrefix,
        @Default("2s") @Doc("Connect and read timeout of one Redis call.") Duration timeout,
        @Default("500") @Doc("Entities per pipelined round trip.") int batchSize,
        @Doc("Retry policy of the online writes (a Redis outage longer than this fails the batch, which the job re-runs).")
        RetryConfig writeRetry) {
}
