package dev.sluice.cli.status;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the job's Prometheus endpoint said.
 *
 * @param url             the endpoint asked
 * @param answered        whether it answered with metrics
 * @param problem         why it did not answer (connection refused, timeout...), for the report
 * @param progressByQuery when each query last reported progress ({@code sluice_progress_timestamp_seconds})
 */
public record EndpointState(String url, boolean answered, Optional<String> problem, Map<String, Instant> progressByQuery) {

    public EndpointState {
        progressByQuery = Map.copyOf(progressByQuery);
    }

    public static EndpointState silent(String url, String problem) {
        return new EndpointState(url, false, Optional.of(problem), Map.of());
    }
}
