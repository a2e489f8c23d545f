package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.ServerCapabilities;

import java.util.List;

/**
 * What {@code ddl apply} would do to bring the live database to the config: steps to run, refusals that stop it, and
 * notes (things left alone on purpose, such as columns no longer in the config).
 */
public record MigrationPlan(ServerCapabilities server, String target, List<PlannedStep> steps, List<Refusal> refusals, List<String> notes) {

    public MigrationPlan {
        steps = List.copyOf(steps);
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    public boolean upToDate() {
        return steps.isEmpty() && refusals.isEmpty();
    }

    public List<String> statements() {
        return steps.stream().flatMap(s -> s.statements().stream()).toList();
    }

    /** The plan as {@code ddl plan} prints it. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("Target: ").append(target).append(", ").append(server).append('\n');
        if (refused()) {
            sb.append("\nREFUSED: apply would change nothing until these are fixed in the config:\n");
            refusals.forEach(r -> sb.append("  - ").append(r.message()).append('\n'));
        }
        if (steps.isEmpty()) {
            sb.append(refused() ? "" : "\nUp to date: nothing to do.\n");
        } else {
            sb.append(refused() ? "\nOnce the refusals are resolved, apply would:\n" : "\nApply will:\n");
            for (PlannedStep step : steps) {
                sb.append("  * ").append(step.description()).append('\n');
                for (String statement : step.statements()) {
                    sb.append("      ").append(statement.replace("\n", "\n      ")).append(";\n");
                }
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\nNotes:\n");
            notes.forEach(n -> sb.append("  - ").append(n).append('\n'));
        }
        return sb.toString();
    }
}
