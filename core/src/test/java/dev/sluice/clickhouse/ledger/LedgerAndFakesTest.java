package dev.sluice.clickhouse.ledger;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.InsertBody;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.write.InMemoryClickHouseWriter;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.SpilledBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerAndFakesTest {

    @TempDir
    Path tmp;

    @Test
    void spilledBodyReopensTheSameBytesAndDeletesItsFile() throws Exception {
        List<String> lines = IntStream.range(0, 1000).mapToObj(i -> "{\"n\":" + i + "}").toList();
        try (SpilledBody body = SpilledBody.of(lines.iterator(), 1024, tmp)) {
            assertTrue(body.spilled());
            assertEquals(1000, body.rows());
            String first;
            try (InputStream in = body.open()) {
                first = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (InputStream in = body.open()) {
                assertEquals(first, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(String.join("\n", lines) + "\n", first);
            assertEquals(first.length(), body.bytes());
        }
        try (var files = Files.list(tmp)) {
            assertEquals(0, files.count(), "the spill file is deleted on close");
        }
        try (SpilledBody small = SpilledBody.of(List.of("{}").iterator(), 1024, tmp)) {
            assertFalse(small.spilled());
        }
    }

    @Test
    void inMemoryWriterRecordsRowsAndFailsOnDemand() {
        InMemoryClickHouseWriter writer = new InMemoryClickHouseWriter()
                .failNext(new SinkException(FailureKind.RETRIABLE, "server restarting"));
        InsertRequest request = InsertRequest.jsonEachRow("t", List.of("a"), InsertBody.ofString("{\"a\":1}\n{\"a\":2}\n"));
        assertThrows(SinkException.class, () -> writer.insert(request));
        assertEquals(2, writer.insert(request).writtenRows());
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), writer.rows("t"));
    }

    @Test
    void inMemoryLedgerVersionsGrowEvenWhenTheClockIsBehind() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        InMemoryBatchLedger ledger = new InMemoryBatchLedger(Clock.fixed(now, ZoneOffset.UTC));
        long v1 = ledger.nextVersion("q");
        assertEquals(now.getEpochSecond() * 1_000_000L, v1);
        ledger.recordCommitted(new CommittedBatch("q", "run-1", 0, Map.of("t", 10L), now, now, v1 + 5_000_000));
        assertEquals(v1 + 5_000_001, ledger.nextVersion("q"), "the clock is behind a committed version");
        assertTrue(ledger.isCommitted("q", "run-1", 0));
        assertFalse(ledger.isCommitted("q", "run-2", 0), "a new checkpoint restarts batch ids");
        assertEquals(10, ledger.lastCommitted("q").orElseThrow().totalRows());
    }

    @Test
    void ledgerParsesClickHouseTextForms() {
        assertEquals(List.of("a", "b_c"), ClickHouseBatchLedger.parseArray("['a','b_c']"));
        assertEquals(List.of("1", "22"), ClickHouseBatchLedger.parseArray("[1,22]"));
        assertEquals(List.of(), ClickHouseBatchLedger.parseArray("[]"));
        assertEquals(Instant.parse("2026-01-01T10:00:00.123Z"), ClickHouseBatchLedger.parseTime("2026-01-01 10:00:00.123"));
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), ClickHouseBatchLedger.parseTime("2026-01-01 10:00:00"));
    }
}
