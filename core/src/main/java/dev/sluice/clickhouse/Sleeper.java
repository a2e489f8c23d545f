package dev.sluice.clickhouse;

import java.time.Duration;

/** Waits between attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

    void sleep(Duration duration) throws InterruptedException;
}
