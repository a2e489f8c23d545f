package dev.sluice.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs SQL over ClickHouse's HTTP interface with java.net.http, so test-support needs no ClickHouse client. */
final class ClickHouseHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String serverUrl;
    private final String user;
    private final String password;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClickHouseHttp(String serverUrl) {
        this(serverUrl, null, null);
    }

    /** Credentials go in ClickHouse's X-ClickHouse-User/Key headers, never into the URL that messages show. */
    ClickHouseHttp(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * @param database the default database for unqualified table names, or null for the server's default
     * @return the response body (for SELECTs: the result in TabSeparated format unless the SQL says otherwise)
     */
    String execute(String database, String sql) {
        String url = serverUrl + "/" + (database == null ? "" : "?database=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8));
        if (user != null) {
            builder.header("X-ClickHouse-User", user).header("X-ClickHouse-Key", password == null ? "" : password);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse at " + serverUrl + " rejected `" + sql + "` (HTTP "
                        + response.statusCode() + "): " + response.body().strip());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + serverUrl + " did not answer `" + sql + "`: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running `" + sql + "`", e);
        }
    }
}
