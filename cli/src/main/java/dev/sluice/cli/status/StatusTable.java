package dev.sluice.cli.status;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders a {@link StatusReport} for a person: one table per domain, then why, then where every event went. */
public final class StatusTable {

    private static final String UNKNOWN = "?";
    private static final String NONE = "-";

    private StatusTable() {
    }

    public static void print(StatusReport report, PrintWriter out) {
        out.println("sluice status: environment " + report.environment() + " at " + Ages.time(report.takenAt()));
        EndpointState endpoint = report.endpoint();
        out.println("job metrics:   " + endpoint.url() + (endpoint.answered()
                ? " answers; " + endpoint.progressByQuery().size() + (endpoint.progressByQuery().size() == 1 ? " query reports" : " queries report") + " progress"
                : " does not answer (" + endpoint.problem().orElse("no answer") + ")"));
        out.println("checkpoints:   " + report.checkpointRoot() + "/<domain>/<aggregation>");
        for (DomainStatus domain : report.domains()) {
            out.println();
            printDomain(domain, report, out);
        }
        if (!report.notes().isEmpty()) {
            out.println();
            out.println("notes:");
            report.notes().forEach(n -> out.println("  " + n));
        }
        out.println();
        out.println("what status cannot know:");
        out.println("  - events the generator could not produce never reached Kafka (see sluice_generator_produce_errors_total on its metrics port);");
        out.println("  - records retention deleted before any query read them: 'in Kafka' counts from the earliest offset still retained;");
        out.println("  - how a remainder splits between filter, deduplication and open windows: Spark does not record what they drop;");
        out.println("  - ClickHouse counts cover every run and replay of a query, the checkpoint only its current run.");
        out.flush();
    }

    private static void printDomain(DomainStatus domain, StatusReport report, PrintWriter out) {
        out.println(domain.domain());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("QUERY", "STATE", "BATCH", "COMMITTED", "WATERMARK", "KAFKA LAG", "ROWS", "LATE", "PARTLY LATE", "DEAD LETTERS"));
        for (QueryStatus q : domain.queries()) {
            CheckpointState cp = q.checkpoint();
            rows.add(List.of(
                    q.id().aggregation(),
                    q.state().label(),
                    cp.lastCommitted().map(String::valueOf).orElse(NONE),
                    cp.committedAt().map(t -> Ages.time(t) + " (" + Ages.ago(t, report.takenAt()) + ")").orElse(NONE),
                    cp.watermark().map(Ages::time).orElse(NONE),
                    cp.exists() ? q.lag().map(Ages::count).orElse(UNKNOWN) : NONE,
                    q.counts().tableRows().map(Ages::count).orElse(UNKNOWN),
                    q.counts().lateEvents().map(Ages::count).orElse(UNKNOWN),
                    q.counts().partlyLateEvents().map(Ages::count).orElse(UNKNOWN),
                    q.counts().deadLetters().map(Ages::count).orElse(UNKNOWN)));
        }
        printAligned(rows, List.of(2, 5, 6, 7, 8, 9), out);
        out.println("  state:");
        for (QueryStatus q : domain.queries()) {
            out.println("    " + q.id().aggregation() + " " + q.state().label() + ": " + q.state().reason()
                    + q.checkpoint().plannedBatch().map(b -> "; batch " + b + " is planned but not committed"
                    + (q.state().running() ? " (running now)" : " (interrupted; it re-runs on restart)")).orElse(""));
        }
        printReconciliation(domain, out);
    }

    private static void printReconciliation(DomainStatus domain, PrintWriter out) {
        out.println("  where the events went (Kafka offsets now, checkpoints, ClickHouse):");
        if (!domain.kafkaAnswered()) {
            out.println("    produced: unknown, Kafka did not answer (see the notes)");
        } else {
            long total = domain.topics().values().stream().mapToLong(TopicOffsets::retained).sum();
            String perTopic = domain.topics().values().stream().sorted(java.util.Comparator.comparing(TopicOffsets::topic))
                    .map(t -> t.topic() + " " + Ages.count(t.retained())).collect(Collectors.joining(", "));
            out.println("    in Kafka: " + Ages.count(total) + " events" + (perTopic.isEmpty() ? " (none of the domain's topics exists)" : " (" + perTopic + ")"));
        }
        for (QueryStatus q : domain.queries()) {
            QueryFlow f = Reconciler.flow(q);
            out.println("    " + f.query() + " <- " + f.topic() + ": " + n(f.retained()) + " in Kafka = " + n(f.beforeStart())
                    + " before its start + " + n(f.consumed().map(c -> c - f.consumedDeleted().orElse(0L)))
                    + " consumed + " + n(f.notYetRead()) + " not yet read");
            if (q.checkpoint().exists() && (f.consumed().isPresent() || f.remainder().isPresent())) {
                String partly = q.counts().partlyLateEvents().filter(p -> p > 0)
                        .map(p -> " (" + Ages.count(p) + " of them partly late: missing from their earlier windows)").orElse("");
                out.println("      consumed " + n(f.consumed()) + " = " + n(f.aggregated()) + " aggregated" + partly + " + " + n(f.late()) + " late + "
                        + n(f.deadLetters()) + " dead letters" + f.remainder().map(r -> " + " + Ages.count(r) + " remainder").orElse(""));
            }
            q.counts().deadLettersByReason().filter(m -> !m.isEmpty())
                    .ifPresent(m -> out.println("      dead letters by reason: " + reasons(m)));
            // For a query that never ran, the one explanation that matters is that it never ran.
            (q.checkpoint().exists() ? f.explanations() : f.explanations().subList(0, 1)).forEach(e -> out.println("      " + e));
        }
        for (String topic : domain.unreadTopics()) {
            Optional<TopicOffsets> offsets = Optional.ofNullable(domain.topics().get(topic));
            out.println("    " + topic + ": " + offsets.map(o -> Ages.count(o.retained())).orElse(UNKNOWN)
                    + " events, read by no aggregation of this domain");
        }
        domain.unattributedDeadLetters().filter(m -> !m.isEmpty()).ifPresent(m -> out.println(
                "    dead letters tied to no aggregation: " + reasons(m)));
    }

    private static String n(Optional<Long> value) {
        return value.map(Ages::count).orElse(UNKNOWN);
    }

    private static String reasons(Map<String, Long> byReason) {
        return byReason.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + Ages.count(e.getValue())).collect(Collectors.joining(", "));
    }

    /** Columns padded to their widest cell; the listed columns (numbers) right-aligned. */
    static void printAligned(List<List<String>> rows, List<Integer> rightAligned, PrintWriter out) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                String pad = " ".repeat(width[c] - cell.length());
                line.append(rightAligned.contains(c) ? pad + cell : cell + (c == columns - 1 ? "" : pad));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
