package dev.sluice.cli.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks the streaming job's /metrics whether it runs and which queries report progress. */
public final class MetricsProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern PROGRESS = Pattern.compile(
            "(?m)^sluice_progress_timestamp_seconds\\{(?:[^}]*,)?query=\"([^\"]*)\"[^}]*} (\\S+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public EndpointState probe(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return EndpointState.silent(url, "HTTP " + response.statusCode());
            }
            return new EndpointState(url, true, java.util.Optional.empty(), progress(response.body()));
        } catch (IOException e) {
            return EndpointState.silent(url, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            return EndpointState.silent(url, "not a URL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EndpointState.silent(url, "interrupted");
        }
    }

    static Map<String, Instant> progress(String exposition) {
        Map<String, Instant> byQuery = new HashMap<>();
        Matcher m = PROGRESS.matcher(exposition);
        while (m.find()) {
            double seconds = Double.parseDouble(m.group(2));
            byQuery.put(m.group(1), Instant.ofEpochMilli((long) (seconds * 1000)));
        }
        return byQuery;
    }
}
