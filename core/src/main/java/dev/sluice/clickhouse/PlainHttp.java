package dev.sluice.clickhouse;

import com.clickhouse.client.api.ServerException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ClickHouse's HTTP interface spoken directly, used only to learn why a request failed when the official client cannot
 * tell: client-v2 reads the error code from the {@code X-ClickHouse-Exception-Code} header, which servers before 19.x
 * (18.16 included) do not send, and then reports "Unreadable error message" with code 0. Without the code a parse
 * error (bad data) cannot be told from an overloaded server (retriable). Sending the failed request again here is
 * safe — it failed, and every Sluice write is an idempotent ReplacingMergeTree insert — and either succeeds (the
 * failure was transient) or fails with the server's own readable error.
 */
final class PlainHttp {

    static final String UNREADABLE = "<Unreadable error message>";
    private static final Pattern WRITTEN_ROWS = Pattern.compile("\"written_rows\"\\s*:\\s*\"?(\\d+)");
    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String endpoint;
    private final String authorization;
    private final Duration timeout;

    PlainHttp(String endpoint, String username, String password, Duration timeout) {
        this.endpoint = endpoint.endsWith("/") ? endpoint : endpoint + "/";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
    }

    /** True when {@code e} is client-v2's way of saying it could not read the server's error. */
    static boolean unreadable(Throwable e) {
        Throwable t = FailureClassifier.unwrap(e);
        return t instanceof ServerException s && s.getCode() == 0 && String.valueOf(s.getMessage()).contains(UNREADABLE);
    }

    /**
     * Runs {@code sql} with an optional body; returns the written-rows count the server reports (-1 when it reports
     * none) or throws {@link ServerException} carrying the server's code and message.
     */
    long send(String sql, InsertBody body, Map<String, String> settings) throws IOException, InterruptedException {
        StringBuilder url = new StringBuilder(endpoint).append("?query=").append(URLEncoder.encode(sql, StandardCharsets.UTF_8));
        settings.forEach((k, v) -> url.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return body.open();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(timeout)
                .header("Authorization", authorization)
                .POST(publisher)
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() == 200) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                String summary = response.headers().firstValue("X-ClickHouse-Summary").orElse("");
                Matcher m = WRITTEN_ROWS.matcher(summary);
                return m.find() ? Long.parseLong(m.group(1)) : -1;
            }
            String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
            int code = response.headers().firstValue("X-ClickHouse-Exception-Code").map(Integer::parseInt).orElseGet(() -> {
                Matcher m = CODE.matcher(text);
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            });
            throw new ServerException(code, text, response.statusCode());
        }
    }
}
