package dev.sluice.sink;

import dev.sluice.clickhouse.ClickHouseQueries;
import dev.sluice.clickhouse.Redactor;
import dev.sluice.clickhouse.Retrier;
import dev.sluice.clickhouse.RetryPolicy;

import java.util.List;

/**
 * The sink's ledger reads with the inserts' retry policy. A connection's own reads give up within about a second
 * (right for commands, which should not sit silent); the sink's first call of a batch is a ledger read, so with
 * that alone a ClickHouse restart would fail the batch at once instead of being waited out like an insert.
 * Statements ({@link #execute}) are not retried: an ALTER must not run twice.
 */
final class RetryingQueries implements ClickHouseQueries {

    private final ClickHouseQueries queries;
    private final Retrier retrier;
    private final String endpoint;

    RetryingQueries(ClickHouseQueries queries, RetryPolicy policy, Redactor redactor, String endpoint) {
        this.queries = queries;
        this.retrier = new Retrier(policy, redactor);
        this.endpoint = endpoint;
    }

    @Override
    public void execute(String sql) {
        queries.execute(sql);
    }

    @Override
    public List<List<String>> select(String sql) {
        return retrier.run("ledger query on " + endpoint, attempt -> queries.select(sql));
    }
}
