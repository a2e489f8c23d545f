package dev.sluice.clickhouse.write;

import java.time.Duration;

/**
 * @param table       table written
 * @param writtenRows rows ClickHouse reports as written (0 when the server does not report it)
 * @param attempts    attempts it took (1 = no retry)
 * @param elapsed     time from the first attempt to success, waits included
 */
public record InsertResult(String table, long writtenRows, int attempts, Duration elapsed) {
}
