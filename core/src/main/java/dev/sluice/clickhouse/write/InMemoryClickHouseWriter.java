package dev.sluice.clickhouse.write;

import dev.sluice.clickhouse.SinkException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A {@link ClickHouseWriter} that keeps every insert in memory, for unit tests of code that writes (the Spark sink,
 * the ledger). It reads the body the way the real writer does, and can be told to fail the next calls so callers'
 * error handling can be tested. Thread-safe.
 */
public final class InMemoryClickHouseWriter implements ClickHouseWriter {

    /** One insert as received. */
    public record Recorded(String table, List<String> columns, InsertFormat format, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Body lines (JSONEachRow rows), empty lines dropped. */
        public List<String> lines() {
            return Arrays.stream(text().split("\n")).filter(l -> !l.isBlank()).toList();
        }
    }

    private final List<Recorded> inserts = new ArrayList<>();
    private final Deque<SinkException> failures = new ArrayDeque<>();

    /** The next insert throws {@code failure} instead of recording (queue several for several calls). */
    public synchronized InMemoryClickHouseWriter failNext(SinkException failure) {
        failures.add(failure);
        return this;
    }

    @Override
    public synchronized InsertResult insert(InsertRequest request) {
        byte[] body;
        try (InputStream in = request.body().open()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the insert body for " + request.table(), e);
        }
        SinkException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        Recorded recorded = new Recorded(request.table(), request.columns(), request.format(), body);
        inserts.add(recorded);
        return new InsertResult(request.table(), request.format() == InsertFormat.JSON_EACH_ROW ? recorded.lines().size() : 0, 1, Duration.ZERO);
    }

    public synchronized List<Recorded> inserts() {
        return List.copyOf(inserts);
    }

    public synchronized List<Recorded> inserts(String table) {
        return inserts.stream().filter(i -> i.table().equals(table)).toList();
    }

    /** All JSONEachRow rows written to {@code table}, in insert order. */
    public synchronized List<String> rows(String table) {
        return inserts(table).stream().flatMap(i -> i.lines().stream()).toList();
    }
}
