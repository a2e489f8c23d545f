package dev.sluice.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.sluice.config.ClickHouseConfig;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP client (ClickHouse's official client-v2) for a server, shared by the writer, DDL apply and the ledger.
 *
 * <p>Built with {@code compressServerResponse(false)} (18.16 cannot answer compressed the way the client asks) and
 * with the client's own retries off: retries happen in {@link Retrier}, which re-opens the insert body. Statements
 * name the database explicitly, so the client's default database is left alone (it may not exist before ddl apply).
 */
public final class ClickHouseConnection implements ClickHouseQueries, AutoCloseable {

    /** How long one statement may take before it counts as a (retriable) timeout. */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Small queries (schema inspection, the ledger) ride out a blip but fail within about a second when the server is
     * down: a command line should not sit silent for the minute an insert's policy may wait, and a sink batch that
     * fails is re-run by Spark anyway.
     */
    static final RetryPolicy READ_RETRY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1));

    private final Client client;
    private final String endpoint;
    private final String database;
    private final Redactor redactor;
    private final Retrier readRetrier;
    private final PlainHttp plainHttp;

    private ClickHouseConnection(Client client, String endpoint, String database, Redactor redactor, Retrier readRetrier, PlainHttp plainHttp) {
        this.client = client;
        this.endpoint = endpoint;
        this.database = database;
        this.redactor = redactor;
        this.readRetrier = readRetrier;
        this.plainHttp = plainHttp;
    }

    public static ClickHouseConnection open(ClickHouseConfig config) {
        String url = config.url();
        if (url == null || url.isBlank()) {
            throw new SinkException(FailureKind.BAD_CONFIG, "clickhouse.url is empty; set it to the server's HTTP endpoint, e.g. http://127.0.0.1:8123");
        }
        Redactor redactor = new Redactor(config.password());
        String endpoint = withoutUserInfo(url);
        try {
            Client client = new Client.Builder()
                    .addEndpoint(endpoint)
                    .setUsername(config.username())
                    .setPassword(config.password() == null ? "" : config.password())
                    .compressServerResponse(false)
                    .setMaxRetries(0)
                    .setConnectTimeout(10, ChronoUnit.SECONDS)
                    .setSocketTimeout(STATEMENT_TIMEOUT.toMillis(), ChronoUnit.MILLIS)
                    .setClientName("sluice")
                    .build();
            PlainHttp plainHttp = new PlainHttp(endpoint, config.username(), config.password(), STATEMENT_TIMEOUT);
            return new ClickHouseConnection(client, endpoint, config.database(), redactor, new Retrier(READ_RETRY, redactor), plainHttp);
        } catch (RuntimeException e) {
            throw new SinkException(FailureKind.BAD_CONFIG, "cannot set up a ClickHouse client for " + endpoint + ": "
                    + redactor.redact(String.valueOf(e.getMessage())) + "; check clickhouse.url");
        }
    }

    static String withoutUserInfo(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getUserInfo() == null) {
                return url.strip();
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
        } catch (Exception e) {
            throw new SinkException(FailureKind.BAD_CONFIG, "clickhouse.url is not a URL: " + new Redactor().redact(url));
        }
    }

    public Client client() {
        return client;
    }

    /** The server URL, without credentials, for messages. */
    public String endpoint() {
        return endpoint;
    }

    public String database() {
        return database;
    }

    public Redactor redactor() {
        return redactor;
    }

    @Override
    public void execute(String sql) {
        new Retrier(RetryPolicy.none(), redactor).run("statement on " + endpoint + " (" + abbreviate(sql) + ")", attempt -> {
            try {
                client.execute(sql, new CommandSettings()).get(STATEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).close();
            } catch (Exception e) {
                if (!PlainHttp.unreadable(e)) {
                    throw e;
                }
                plainHttp.send(sql, null, Map.of()); // the statement failed; running it again yields a readable error
            }
            return null;
        });
    }

    @Override
    public List<List<String>> select(String sql) {
        return readRetrier.run("query on " + endpoint + " (" + abbreviate(sql) + ")", attempt -> {
            QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.TabSeparated);
            try (QueryResponse response = client.query(sql, settings).get(STATEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                 InputStream in = response.getInputStream()) {
                return TabSeparated.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                if (PlainHttp.unreadable(e)) {
                    plainHttp.send(sql + " FORMAT TabSeparated", null, Map.of());
                }
                throw e;
            }
        });
    }

    /**
     * Like {@link #select}, with the column names as the first row: for showing query results to people. The format
     * goes into the SQL because client-v2 consumes the header itself when the format is set as a query setting.
     */
    public List<List<String>> selectWithHeader(String sql) {
        String query = sql.strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        return select(query + "\nFORMAT TabSeparatedWithNames");
    }

    /**
     * One insert attempt (no retry): streams the body through client-v2; if the server's error cannot be read (old
     * servers), sends the same body once more over plain HTTP to get a readable error or, if the failure was
     * transient, a success. Returns the rows the server reports written, or -1 when it reports none (18.16).
     */
    public long insertOnce(String table, List<String> columns, InsertBody body, ClickHouseFormat format, Map<String, String> serverSettings)
            throws Exception {
        InsertSettings settings = new InsertSettings();
        serverSettings.forEach(settings::serverSetting);
        String qualified = Sql.qualified(database, table);
        InputStream opened;
        try {
            opened = body.open();
        } catch (IOException e) {
            // the caller's own body (a spill file, a buffer) cannot be read: retrying will not help
            throw new SinkException(FailureKind.BUG, "cannot open the insert body for " + qualified + ": " + e.getMessage());
        }
        try (InputStream in = opened;
             InsertResponse response = client.insert(qualified, columns, in, format, settings)
                     .get(STATEMENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            return response.getWrittenRows();
        } catch (Exception e) {
            if (!PlainHttp.unreadable(e)) {
                throw e;
            }
            String sql = "INSERT INTO " + qualified + " (" + String.join(", ", columns.stream().map(Sql::identifier).toList())
                    + ") FORMAT " + format.name();
            return plainHttp.send(sql, body, serverSettings);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "..." : oneLine;
    }
}
