package dev.sluice.observe;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.InsertBody;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.write.InMemoryClickHouseWriter;
import dev.sluice.clickhouse.write.InsertFormat;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.InsertResult;
import dev.sluice.metrics.PipelineMetrics;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MeteredClickHouseWriterTest {

    private static final String TABLE = "payments_merchant_fraud_5m";
    private static final InsertRequest THREE_ROWS = InsertRequest.jsonEachRow(TABLE, List.of("a"),
            InsertBody.ofString("{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}"));

    private final PipelineMetrics metrics = PipelineMetrics.withoutJvmMetrics();
    private final CollectorRegistry registry = metrics.registry();

    @Test
    void passesInsertsThroughAndCountsRowsAndLatencyPerTable() {
        InMemoryClickHouseWriter memory = new InMemoryClickHouseWriter();
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(memory, metrics.sink());

        InsertResult result = writer.insert(THREE_ROWS);

        assertEquals(3, result.writtenRows());
        assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}"), memory.rows(TABLE));
        assertEquals(3.0, table("sluice_clickhouse_rows_written_total"));
        assertEquals(1.0, table("sluice_clickhouse_insert_duration_seconds_count"));
        assertNull(kind("sluice_clickhouse_insert_retries_total", "retriable"));
    }

    @Test
    void retriesInsideTheWriterAreReadFromItsResult() {
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(
                request -> new InsertResult(request.table(), 3, 3, Duration.ofMillis(1500)), metrics.sink());

        writer.insert(THREE_ROWS);

        assertEquals(2.0, kind("sluice_clickhouse_insert_retries_total", "retriable"));
        assertEquals(1.5, table("sluice_clickhouse_insert_duration_seconds_sum"));
        assertEquals(3.0, table("sluice_clickhouse_rows_written_total"));
    }

    @Test
    void anOldServerThatReportsNoRowsGetsThemCountedFromTheJsonBody() {
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(
                request -> new InsertResult(request.table(), 0, 1, Duration.ofMillis(5)), metrics.sink());

        writer.insert(THREE_ROWS);

        assertEquals(3.0, table("sluice_clickhouse_rows_written_total"));
    }

    @Test
    void aRowBinaryBodyCountsOnlyWhatTheServerReported() {
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(
                request -> new InsertResult(request.table(), 0, 1, Duration.ofMillis(5)), metrics.sink());

        writer.insert(new InsertRequest(TABLE, List.of("a"), InsertFormat.ROW_BINARY, InsertBody.ofBytes(new byte[] {1, 10, 2})));

        assertNull(table("sluice_clickhouse_rows_written_total"));
        assertEquals(1.0, table("sluice_clickhouse_insert_duration_seconds_count"));
    }

    @Test
    void aPermanentFailureIsCountedByKindAndRethrownUnchanged() {
        SinkException badData = new SinkException(FailureKind.BAD_DATA, "insert into sluice.x failed: Cannot parse input", 27, 1, null);
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(new InMemoryClickHouseWriter().failNext(badData), metrics.sink());

        assertSame(badData, assertThrows(SinkException.class, () -> writer.insert(THREE_ROWS)));
        assertEquals(1.0, kind("sluice_clickhouse_insert_failures_total", "bad_data"));
        assertNull(kind("sluice_clickhouse_insert_retries_total", "retriable"));
        assertNull(table("sluice_clickhouse_rows_written_total"));
    }

    @Test
    void exhaustedRetriesCountAsRetriesAndOneRetriableFailure() {
        SinkException exhausted = new SinkException(FailureKind.RETRIABLE, "insert failed (gave up after 8 attempts)", 0, 8, null);
        MeteredClickHouseWriter writer = new MeteredClickHouseWriter(new InMemoryClickHouseWriter().failNext(exhausted), metrics.sink());

        assertThrows(SinkException.class, () -> writer.insert(THREE_ROWS));
        assertEquals(7.0, kind("sluice_clickhouse_insert_retries_total", "retriable"));
        assertEquals(1.0, kind("sluice_clickhouse_insert_failures_total", "retriable"));
    }

    @Test
    void countsJsonLinesIgnoringBlankOnesAndAMissingLastNewline() throws Exception {
        assertEquals(0, MeteredClickHouseWriter.countJsonLines(stream("")));
        assertEquals(1, MeteredClickHouseWriter.countJsonLines(stream("{}")));
        assertEquals(2, MeteredClickHouseWriter.countJsonLines(stream("{}\r\n \n{}\r\n")));
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Double table(String name) {
        return registry.getSampleValue(name, new String[] {"table"}, new String[] {TABLE});
    }

    private Double kind(String name, String kind) {
        return registry.getSampleValue(name, new String[] {"table", "kind"}, new String[] {TABLE, kind});
    }
}
