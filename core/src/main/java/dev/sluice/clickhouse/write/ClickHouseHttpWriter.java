package dev.sluice.clickhouse.write;

import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.Retrier;
import dev.sluice.clickhouse.RetryPolicy;
import dev.sluice.clickhouse.Sql;

import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Inserts over HTTP with the official client, streaming the body (nothing is buffered beyond the client's copy
 * buffer), retrying transient failures with backoff and re-opening the body for every attempt.
 *
 * <p>Timestamps in JSON bodies may be ISO-8601 (Spark's default {@code 2024-05-01T12:00:00.000Z}) or
 * {@code 2024-05-01 12:00:00}: every insert sets {@code date_time_input_format=best_effort}, which 18.16 and current
 * servers both understand. Unknown JSON keys are an error, not skipped: a column the table lacks means the table is
 * behind the config ({@code ddl apply}), and silently dropping a measure would be worse.
 */
public final class ClickHouseHttpWriter implements ClickHouseWriter {

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
        long written = retrier.run(what, attempt -> {
            attempts[0] = attempt;
            InsertSettings settings = new InsertSettings()
                    .setDatabase(connection.database())
                    .serverSetting("date_time_input_format", "best_effort");
            try (InputStream body = request.body().open();
                 InsertResponse response = connection.client()
                         .insert(request.table(), request.columns(), body, request.format().clickHouseFormat(), settings)
                         .get(ClickHouseConnection.STATEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                return response.getWrittenRows();
            }
        });
        return new InsertResult(request.table(), written, attempts[0], Duration.ofNanos(System.nanoTime() - started));
    }
}
