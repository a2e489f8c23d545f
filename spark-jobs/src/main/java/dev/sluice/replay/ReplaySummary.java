package dev.sluice.replay;

import java.io.PrintStream;
import java.util.List;

/** The table printed at the end of a replay: per aggregation, what was read, computed and written. */
public record ReplaySummary(List<ReplayJob.Outcome> outcomes, boolean dryRun, double seconds) {

    public void print(PrintStream out) {
        out.println();
        out.println(dryRun ? "dry run - would replace:" : "replayed:");
        out.printf("  %-24s %-36s %12s %9s %9s %9s  %-24s %-24s %8s%n", "AGGREGATION", "TABLE", "RECORDS", "LATE OUT", "WINDOWS",
                "NOW", "FIRST WINDOW", "LAST WINDOW", dryRun ? "" : "WRITTEN");
        long written = 0;
        for (ReplayJob.Outcome o : outcomes) {
            out.printf("  %-24s %-36s %,12d %,9d %,9d %,9d  %-24s %-24s %8s%n", o.aggregation(), o.table(), o.recordsRead(), o.lateExcluded(),
                    o.rows(), o.currentRowsInRange(), o.firstWindow(), o.lastWindow(), dryRun ? "" : String.format("%,d", o.written()));
            written += o.written();
            dev.sluice.console.Summary.add("aggregations", java.util.Map.of("aggregation", o.aggregation(), "table", o.table(),
                    "records", o.recordsRead(), "late_excluded", o.lateExcluded(), "windows", o.rows(), "written", o.written()));
        }
        // Each topic is read once for all of its aggregations.
        long records = outcomes.stream()
                .collect(java.util.stream.Collectors.toMap(ReplayJob.Outcome::topic, ReplayJob.Outcome::recordsRead, (a, b) -> a))
                .values().stream().mapToLong(Long::longValue).sum();
        out.printf("  WINDOWS = rows (one per window and group) computed in range; NOW = current rows in those windows' range before the replay%n");
        dev.sluice.console.Summary.put("dry_run", dryRun);
        out.printf("%s in %.1f s (%,.0f records/s read)%s%n", dryRun ? "computed" : "done", seconds, records / Math.max(seconds, 0.001),
                dryRun ? "" : String.format(", %,d rows written", written));
    }
}
