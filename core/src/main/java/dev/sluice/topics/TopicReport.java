package dev.sluice.topics;

import java.util.List;

/** What {@code topics apply} found and did for one topic; {@code drifts} are the differences left after any fixes. */
public record TopicReport(TopicSpec spec, Status status, List<TopicDrift> drifts, List<String> actions) {

    public enum Status {
        CREATED, IN_SYNC,
        /** Differences remain; {@link #failing()} tells whether any of them fails the command. */
        DRIFT,
        /** Failing differences were repaired with --fix (warnings may remain). */
        FIXED
    }

    public TopicReport {
        drifts = List.copyOf(drifts);
        actions = List.copyOf(actions);
    }

    public boolean failing() {
        return drifts.stream().anyMatch(TopicDrift::failing);
    }
}
