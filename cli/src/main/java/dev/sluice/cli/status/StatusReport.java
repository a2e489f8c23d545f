package dev.sluice.cli.status;

import java.time.Instant;
import java.util.List;

/** Everything {@code sluice status} prints, gathered before printing so rendering is pure. */
public record StatusReport(String environment, Instant takenAt, String checkpointRoot, EndpointState endpoint,
                           List<DomainStatus> domains, List<String> notes) {

    public StatusReport {
        domains = List.copyOf(domains);
        notes = List.copyOf(notes);
    }
}
