package dev.sluice.spark;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.registry.RegistryException;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    @Test
    void pausesDoubleUpToTheCap() {
        RestartPolicy policy = RestartPolicy.DEFAULT;
        assertEquals(Duration.ofSeconds(1), policy.pauseBefore(1));
        assertEquals(Duration.ofSeconds(2), policy.pauseBefore(2));
        assertEquals(Duration.ofSeconds(16), policy.pauseBefore(5));
        assertEquals(Duration.ofSeconds(30), policy.pauseBefore(6));
        assertEquals(Duration.ofSeconds(30), policy.pauseBefore(23));
        long total = 0;
        for (int i = 1; i <= policy.maxInARow(); i++) {
            total += policy.pauseBefore(i).toSeconds();
        }
        assertEquals(571, total, "the default rides out about ten minutes of outage");
    }

    @Test
    void outagesAreRetriableWhereverTheyAreInTheCauseChain() {
        SinkException clickHouseDown = new SinkException(FailureKind.RETRIABLE, "insert failed (gave up after 3 attempts): ConnectException");
        assertTrue(RetriableFailures.retriable(new RuntimeException("foreachBatch failed", clickHouseDown)));
        assertTrue(RetriableFailures.retriable(new RegistryException(RegistryException.Kind.RETRIABLE, 0, 0, "registry unreachable", null)));
        assertTrue(RetriableFailures.retriable(new SparkException("Job aborted",
                new org.apache.kafka.common.errors.TimeoutException("Timeout of 60000ms expired before the position could be determined"))));
        assertEquals("SinkException: insert failed (gave up after 3 attempts): ConnectException [retriable]",
                RetriableFailures.summary(new RuntimeException("wrapper", clickHouseDown)));
    }

    @Test
    void badConfigBadDataAndBugsAreNot() {
        assertFalse(RetriableFailures.retriable(new SinkException(FailureKind.BAD_CONFIG, "unknown table")));
        assertFalse(RetriableFailures.retriable(new RuntimeException(new SinkException(FailureKind.BAD_DATA, "cannot parse"))));
        assertFalse(RetriableFailures.retriable(new RegistryException(RegistryException.Kind.BAD_CONFIG, 401, 401, "unauthorized", null)));
        assertFalse(RetriableFailures.retriable(new IllegalStateException("bug")));
        // the first Sluice exception in the chain decides, even when a retriable cause sits below it
        assertFalse(RetriableFailures.retriable(new SinkException(FailureKind.BUG, "bug", 0, 1,
                new java.net.ConnectException("refused"))));
    }
}
