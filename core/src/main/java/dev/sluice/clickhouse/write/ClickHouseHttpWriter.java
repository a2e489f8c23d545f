package dev.sluice.clickhouse.write;

import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.InsertBody;
import dev.sluice.clickhouse.Retrier;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.Sql;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;

/**
 * Inserts over HTTP with the official client (see {@link ClickHouseConnection#insertOnce}), streaming the body (nothing
 * is buffered beyond the client's copy buffer), retrying transient failures with backoff and re-opening the body for
 * every attempt.
 *
 * <p>Timestamps in JSON bodies may be ISO-8601 (Spark's default {@code 2024-05-01T12:00:00.000Z}) or
 * {@code 2024-05-01 12:00:00}: every insert sets {@code date_time_input_format=best_effort}, which 18.16 and current
 * servers both understand. Unknown JSON keys are an error, not skipped: a column the table lacks means the table is
 * behind the config ({@code ddl apply}), and silently dropping a measure would be worse.
 */
public final class ClickHouseHttpWriter implements ClickHouseWriter {

    static final Map<String, String> INSERT_SETTINGS = Map.of("date_time_input_format", "best_effort");

    private final ClickHouseConnection connection;
    private final Retrier retrier;

    public ClickHouseHttpWriter(ClickHouseConnection connection, Retrier retrier) {
        this.connection = connection;
        this.retrier = retrier;
    }

    public ClickHouseHttpWriter(ClickHouseConnection connection, RetryPolicy policy) {
        this(connection, new Retrier(policy, connection.redactor()));
    }

    @Override
    public InsertResult insert(InsertRequest request) {
        long started = System.nanoTime();
        String what = "insert into " + Sql.qualified(connection.database(), request.table()) + " on " + connection.endpoint();
        int[] attempts = {0};
        long[] lines = {0};
        long reported = retrier.run(what, attempt -> {
            attempts[0] = attempt;
            LineCounting counted = new LineCounting(request.body());
            long written = connection.insertOnce(request.table(), request.columns(), counted, request.format().clickHouseFormat(), INSERT_SETTINGS);
            lines[0] = counted.lines;
            return written;
        });
        // 18.16 reports no written-rows count; for JSONEachRow the rows sent are the lines of the body
        long rows = reported >= 0 ? reported : request.format() == InsertFormat.JSON_EACH_ROW ? lines[0] : -1;
        return new InsertResult(request.table(), rows, attempts[0], Duration.ofNanos(System.nanoTime() - started));
    }

    /** Counts the JSON lines of the last opened stream while it is sent. */
    private static final class LineCounting implements InsertBody {
        private final InsertBody body;
        private long lines;

        LineCounting(InsertBody body) {
            this.body = body;
        }

        @Override
        public InputStream open() throws IOException {
            lines = 0;
            return new FilterInputStream(body.open()) {
                private int last = '\n';

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b == '\n') {
                        lines++;
                    }
                    if (b >= 0) {
                        last = b;
                    } else if (last != '\n') {
                        lines++;
                        last = '\n';
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n < 0) {
                        if (last != '\n') {
                            lines++;
                            last = '\n';
                        }
                        return n;
                    }
                    for (int i = offset; i < offset + n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    if (n > 0) {
                        last = buffer[offset + n - 1];
                    }
                    return n;
                }
            };
        }
    }
}
