package dev.sluice.clickhouse;

import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrierTest {

    private final List<Duration> waits = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(3));

    /** random = 1.0 - tiny: waits at the top of each backoff band, so the expected waits are exact. */
    private Retrier retrier(double random) {
        return new Retrier(policy, waits::add, () -> random, new Redactor("hunter2"));
    }

    @Test
    void backoffDoublesUpToTheCeiling() {
        assertEquals(Duration.ofMillis(500), policy.ceiling(1));
        assertEquals(Duration.ofMillis(1000), policy.ceiling(2));
        assertEquals(Duration.ofMillis(2000), policy.ceiling(3));
        assertEquals(Duration.ofMillis(3000), policy.ceiling(4));
        assertEquals(Duration.ofMillis(3000), policy.ceiling(30));
        assertEquals(Duration.ofMillis(250), policy.backoff(1, 0.0), "jitter keeps at least half the ceiling");
        assertEquals(Duration.ofMillis(1000), policy.backoff(2, 1.0));
    }

    @Test
    void transientFailuresAreRetriedWithGrowingWaitsUntilSuccess() {
        int[] calls = {0};
        String result = retrier(1.0).run("insert into t", attempt -> {
            calls[0]++;
            if (attempt < 4) {
                throw new ExecutionException(new ConnectException("Connection refused"));
            }
            return "ok";
        });
        assertEquals("ok", result);
        assertEquals(4, calls[0]);
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2000)), waits);
    }

    @Test
    void givesUpAfterMaxAttemptsStillSayingRetriable() {
        SinkException e = assertThrows(SinkException.class, () -> retrier(0.0).run("insert into t", attempt -> {
            throw new ServerException(252, "Code: 252. DB::Exception: Too many parts (300). Merges are processing significantly slower than inserts", 500);
        }));
        assertEquals(FailureKind.RETRIABLE, e.kind());
        assertEquals(252, e.serverCode());
        assertEquals(5, e.attempts());
        assertEquals(4, waits.size());
        assertTrue(e.getMessage().startsWith("insert into t failed (gave up after 5 attempts): ClickHouse error 252: Code: 252. DB::Exception: Too many parts"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("[retriable]"), e.getMessage());
    }

    @Test
    void permanentFailuresFailFastWithTheirKind() {
        int[] calls = {0};
        SinkException e = assertThrows(SinkException.class, () -> retrier(0.5).run("insert into sluice.x", attempt -> {
            calls[0]++;
            throw new ServerException(60, "Code: 60, e.displayText() = DB::Exception: Table sluice.x doesn't exist.", 500);
        }));
        assertEquals(1, calls[0]);
        assertTrue(waits.isEmpty());
        assertEquals(FailureKind.BAD_CONFIG, e.kind());
        assertEquals("insert into sluice.x failed: ClickHouse error 60: Code: 60, e.displayText() = DB::Exception: Table sluice.x doesn't exist.; "
                + "the table does not match the config; run `bin/sluice ddl apply --env <env>` [bad config]", e.getMessage());
    }

    @Test
    void passwordsNeverReachTheMessageOrTheCause() {
        SinkException e = assertThrows(SinkException.class, () -> retrier(0.5).run("query", attempt -> {
            throw new IllegalStateException("failed to call http://default:hunter2@db:8123/ with password hunter2");
        }));
        assertEquals(FailureKind.BUG, e.kind());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getCause().getMessage().contains("hunter2"), e.getCause().getMessage());
        assertTrue(e.getMessage().contains("http://***:***@db:8123/"), e.getMessage());
    }

    @Test
    void sinkExceptionsThrownByTheOperationKeepTheirKind() {
        int[] calls = {0};
        retrier(0.0).run("x", attempt -> {
            calls[0]++;
            if (attempt == 1) {
                throw new SinkException(FailureKind.RETRIABLE, "blip");
            }
            return null;
        });
        assertEquals(2, calls[0]);
        SinkException bad = assertThrows(SinkException.class, () -> retrier(0.0).run("x", attempt -> {
            throw new SinkException(FailureKind.BAD_DATA, "row 3 has a string in a number column");
        }));
        assertEquals(FailureKind.BAD_DATA, bad.kind());
    }
}
