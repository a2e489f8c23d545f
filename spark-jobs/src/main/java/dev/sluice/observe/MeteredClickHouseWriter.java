package dev.sluice.observe;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;
import dev.sluice.clickhouse.write.ClickHouseWriter;
import dev.sluice.clickhouse.write.InsertFormat;
import dev.sluice.clickhouse.write.InsertRequest;
import dev.sluice.clickhouse.write.InsertResult;
import dev.sluice.metrics.SinkMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * A {@link ClickHouseWriter} that records every insert of the writer it wraps: rows written and latency per table,
 * retries and final failures by {@link FailureKind}. It changes nothing about the insert itself.
 *
 * <p>Retries happen inside the wrapped writer, so they are read from its answer: {@link InsertResult#attempts()} on
 * success and {@link SinkException#attempts()} on failure. Only retriable failures are retried, so every retry counts
 * with kind {@code retriable}.
 */
public final class MeteredClickHouseWriter implements ClickHouseWriter {

    private static final Logger LOG = LoggerFactory.getLogger(MeteredClickHouseWriter.class);

    private final ClickHouseWriter delegate;
    private final SinkMetrics metrics;

    public MeteredClickHouseWriter(ClickHouseWriter delegate, SinkMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public InsertResult insert(InsertRequest request) {
        long started = System.nanoTime();
        InsertResult result;
        try {
            result = delegate.insert(request);
        } catch (SinkException e) {
            recordRetries(request.table(), e.attempts() - 1);
            metrics.failed(request.table(), e.kind().name());
            throw e;
        } catch (RuntimeException e) {
            // The writer's contract is SinkException only; anything else is a bug in it, counted as such.
            metrics.failed(request.table(), FailureKind.BUG.name());
            throw e;
        }
        recordRetries(request.table(), result.attempts() - 1);
        Duration elapsed = result.elapsed() != null ? result.elapsed() : Duration.ofNanos(System.nanoTime() - started);
        metrics.inserted(request.table(), rowsOf(request, result), elapsed);
        return result;
    }

    private void recordRetries(String table, int retries) {
        for (int i = 0; i < retries; i++) {
            metrics.retried(table, FailureKind.RETRIABLE.name());
        }
    }

    /**
     * ClickHouse 18.16 does not report written rows (newer servers do, in X-ClickHouse-Summary). For a JSONEachRow
     * body, one row per line, the rows are counted from the body instead - one more read of a body the sink has
     * spilled to local disk anyway. A RowBinary body cannot be counted without its types; it counts as reported.
     */
    static long rowsOf(InsertRequest request, InsertResult result) {
        if (result.writtenRows() > 0 || request.format() != InsertFormat.JSON_EACH_ROW) {
            return result.writtenRows();
        }
        try (InputStream in = request.body().open()) {
            return countJsonLines(in);
        } catch (IOException e) {
            LOG.debug("could not re-read the body of an insert into {} to count its rows: {}", request.table(), e.toString());
            return 0;
        }
    }

    /** Lines holding anything but whitespace; the last line may lack its newline. */
    static long countJsonLines(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long rows = 0;
        boolean content = false;
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (content) {
                        rows++;
                    }
                    content = false;
                } else if (b != ' ' && b != '\t' && b != '\r') {
                    content = true;
                }
            }
        }
        return content ? rows + 1 : rows;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
