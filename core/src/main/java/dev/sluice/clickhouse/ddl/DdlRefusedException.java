package dev.sluice.clickhouse.ddl;

import dev.sluice.clickhouse.FailureKind;
import dev.sluice.clickhouse.SinkException;

/** {@code ddl apply} found config changes it will not make in place; nothing was changed. */
public final class DdlRefusedException extends SinkException {

    private final MigrationPlan plan;

    public DdlRefusedException(MigrationPlan plan) {
        super(FailureKind.BAD_CONFIG, "ddl apply refused, nothing was changed:\n" + String.join("\n",
                plan.refusals().stream().map(r -> "  - " + r.message()).toList()));
        this.plan = plan;
    }

    public MigrationPlan plan() {
        return plan;
    }
}
