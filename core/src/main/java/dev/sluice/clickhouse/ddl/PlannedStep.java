package dev.sluice.clickhouse.ddl;

import java.util.List;

/** One thing {@code ddl apply} will do, with the statements that do it. */
public record PlannedStep(String description, List<String> statements) {

    public PlannedStep {
        statements = List.copyOf(statements);
    }
}
