package dev.sluice.bench;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.Sql;
import dev.sluice.config.ClickHouseConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Polls ClickHouse, as a user would query it (the {@code _current} view), for each measured aggregation's count per
 * window from {@code fromWindowMillis} on, and feeds what it sees into {@link VisibleCounts}. Runs in its own thread
 * until {@link #stop()}.
 */
final class CountPoller implements Runnable {

    private final ClickHouseConfig clickhouse;
    private final Map<FreshnessTarget, VisibleCounts> targets;
    private final long fromWindowMillis;
    private final Duration interval;
    private volatile boolean stopped;
    private volatile RuntimeException failure;
    private long polls;

    CountPoller(ClickHouseConfig clickhouse, Map<FreshnessTarget, VisibleCounts> targets, long fromWindowMillis, Duration interval) {
        this.clickhouse = clickhouse;
        this.targets = targets;
        this.fromWindowMillis = fromWindowMillis;
        this.interval = interval;
    }

    /** Per-window count of one target; works on 18.16 (DateTime) and current servers (DateTime64). */
    static String sql(String database, FreshnessTarget target, long fromWindowMillis) {
        return "SELECT toUInt64(toUnixTimestamp(window_start)), sum(" + Sql.identifier(target.countColumn()) + ") FROM "
                + Sql.qualified(database, target.table() + "_current") + " WHERE window_start >= toDateTime(" + fromWindowMillis / 1000
                + ") GROUP BY window_start";
    }

    @Override
    public void run() {
        try (ClickHouseConnection connection = ClickHouseConnection.open(clickhouse)) {
            while (!stopped) {
                long started = System.currentTimeMillis();
                for (Map.Entry<FreshnessTarget, VisibleCounts> target : targets.entrySet()) {
                    List<List<String>> rows = connection.select(sql(clickhouse.database(), target.getKey(), fromWindowMillis));
                    long seenAt = System.currentTimeMillis();
                    for (List<String> row : rows) {
                        target.getValue().observe(Long.parseLong(row.get(0)) * 1000, Long.parseLong(row.get(1)), seenAt);
                    }
                }
                polls++;
                long wait = interval.toMillis() - (System.currentTimeMillis() - started);
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    void stop() {
        stopped = true;
    }

    /** The poll loop's failure, if it ended with one (rethrown by the freshness step: its figures would be wrong). */
    RuntimeException failure() {
        return failure;
    }

    long polls() {
        return polls;
    }
}
