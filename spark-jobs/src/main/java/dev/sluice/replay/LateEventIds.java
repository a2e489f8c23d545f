package dev.sluice.replay;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Sql;
import dev.sluice.clickhouse.SluiceTables;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * The events the streaming job recorded as late for one aggregation (the late-events table), each with the watermark
 * it was behind. Replay leaves them out by default, of exactly the windows that had ended by that watermark (all of
 * them for a wholly late event, the earlier ones for a partly late one), so that its results are the streaming job's
 * results recomputed; {@code --include-late} folds them in.
 */
public final class LateEventIds {

    /** ClickHouse's text form of DateTime ({@code 2026-03-02 10:00:00}) and DateTime64(3) (with {@code .123}). */
    private static final DateTimeFormatter CLICKHOUSE_TIME = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** A late record: the event and the watermark of the batch that read it. */
    public record LateRecord(String eventId, Timestamp watermark) {
    }

    private final ClickHouseQueries clickhouse;
    private final String database;

    public LateEventIds(ClickHouseQueries clickhouse, String database) {
        this.clickhouse = clickhouse;
        this.database = database;
    }

    public List<LateRecord> of(String domain, String aggregation) {
        String sql = "SELECT event_id, watermark FROM " + Sql.qualified(database, SluiceTables.LATE_EVENTS + "_current")
                + " WHERE domain = " + Sql.literal(domain) + " AND aggregation = " + Sql.literal(aggregation);
        return clickhouse.select(sql).stream().filter(row -> row.get(0) != null)
                .map(row -> new LateRecord(row.get(0), parseTime(row.get(1)))).toList();
    }

    static Timestamp parseTime(String text) {
        return Timestamp.from(LocalDateTime.parse(text, CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC));
    }
}
