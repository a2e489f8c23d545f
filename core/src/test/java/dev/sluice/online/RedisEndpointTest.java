package dev.sluice.online;

import dev.sluice.config.RedisConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RedisEndpointTest {

    private static RedisConfig config(String url, boolean tls, String password) {
        return new RedisConfig(url, "u", password, tls, "sluice", Duration.ofSeconds(1), 100, null);
    }

    @Test
    void showsSchemeHostPortAndDatabaseButNeverThePassword() {
        RedisEndpoint endpoint = RedisEndpoint.of(config("redis://cache.internal:6380/2", false, "s3cret-pw"));
        assertEquals("redis://cache.internal:6380/2", endpoint.display());
        assertFalse(endpoint.toString().contains("s3cret-pw"));
        assertEquals("AUTH *** failed", endpoint.redactor().redact("AUTH s3cret-pw failed"));
    }

    @Test
    void tlsFromTheSchemeOrTheFlagAndTheDefaultPort() {
        assertEquals("rediss://cache.internal:6379", RedisEndpoint.of(config("rediss://cache.internal", false, null)).display());
        assertEquals("rediss://cache.internal:6379", RedisEndpoint.of(config("redis://cache.internal", true, null)).display());
    }

    @Test
    void refusesWhatTheValidatorRefuses() {
        assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.of(config("http://cache.internal:6379", false, null)));
        assertThrows(IllegalArgumentException.class, () -> RedisEndpoint.of(config("redis://u:pw@cache.internal:6379", false, null)));
    }
}
