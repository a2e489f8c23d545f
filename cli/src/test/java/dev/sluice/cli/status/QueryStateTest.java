package dev.sluice.cli.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.sluice.cli.status.StatusFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryStateTest {

    private static final Duration RECENT = Duration.ofMinutes(2);
    private static final EndpointState SILENT = EndpointState.silent("http://127.0.0.1:9464/metrics", "ConnectException");

    @Test
    void runningWhenTheMetricsEndpointReportsTheQuery() {
        EndpointState endpoint = new EndpointState("u", true, Optional.empty(), Map.of("payments.x", NOW.minusSeconds(4)));
        assertEquals(new QueryState(true, "running", "the job's metrics endpoint reports it (last progress 4s ago)"),
                QueryState.decide("payments.x", endpoint, checkpointWritten(NOW.minusSeconds(3600)), NOW, RECENT));
    }

    @Test
    void runningWhenTheCheckpointWasWrittenRecently() {
        assertEquals(new QueryState(true, "running", "its checkpoint was written 30s ago (no metrics endpoint answered)"),
                QueryState.decide("payments.x", SILENT, checkpointWritten(NOW.minusSeconds(30)), NOW, RECENT));
    }

    @Test
    void stoppedWhenTheCheckpointIsOld() {
        assertEquals(new QueryState(false, "stopped", "last checkpoint write 3h 5m ago, longer ago than 2m"),
                QueryState.decide("payments.x", SILENT, checkpointWritten(NOW.minusSeconds(3 * 3600 + 300)), NOW, RECENT));
    }

    @Test
    void neverRunWithoutACheckpoint() {
        assertEquals(new QueryState(false, "never-run", "no checkpoint at /cp/payments/x"),
                QueryState.decide("payments.x", SILENT, CheckpointState.missing("/cp/payments/x"), NOW, RECENT));
    }

    private static CheckpointState checkpointWritten(Instant at) {
        return StatusFixtures.checkpoint(5, "{}", "{}", at, Optional.empty());
    }

    @org.junit.jupiter.api.Test
    void aSilentLocalDriverMeansStoppedEvenWithARecentCheckpoint() {
        QueryState state = QueryState.decide("payments.x", SILENT, checkpointWritten(NOW.minusSeconds(30)), NOW, RECENT, true);
        org.junit.jupiter.api.Assertions.assertEquals("stopped", state.label());
        org.junit.jupiter.api.Assertions.assertEquals("the job's metrics endpoint on this machine does not answer; last checkpoint write 30s ago",
                state.reason());
    }
}
