package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets for a 2-core machine (ambitious on purpose), checked against one run's figures. */
final class Targets {

    static final double PIPELINE_TO_BASELINE = 0.60;
    static final double PIPELINE_EVENTS_PER_SECOND = 150_000;
    static final double REPLAY_EVENTS_PER_SECOND = 300_000;
    /** Freshness p95 may exceed the trigger interval by this much. */
    static final long FRESHNESS_SLACK_MILLIS = 2_000;

    private Targets() {
    }

    /** @param freshness null when skipped; @param replayPerSecond null when skipped */
    static List<BenchReport.TargetCheck> check(double pipelinePerSecond, double ratio, BenchReport.FreshnessFigures freshness, Double replayPerSecond) {
        List<BenchReport.TargetCheck> checks = new ArrayList<>();
        checks.add(new BenchReport.TargetCheck("pipeline", String.format(Locale.ROOT, ">= %,.0f/s", PIPELINE_EVENTS_PER_SECOND),
                String.format(Locale.ROOT, "%,.0f/s", pipelinePerSecond), pipelinePerSecond >= PIPELINE_EVENTS_PER_SECOND));
        checks.add(new BenchReport.TargetCheck("pipeline / baseline", String.format(Locale.ROOT, ">= %.2f", PIPELINE_TO_BASELINE),
                String.format(Locale.ROOT, "%.2f", ratio), ratio >= PIPELINE_TO_BASELINE));
        if (freshness != null && freshness.events() > 0) {
            long limit = freshness.triggerMillis() + FRESHNESS_SLACK_MILLIS;
            checks.add(new BenchReport.TargetCheck("freshness p95", String.format(Locale.ROOT, "<= %.1f s", limit / 1e3),
                    String.format(Locale.ROOT, "%.1f s", freshness.p95Millis() / 1e3), freshness.p95Millis() <= limit && freshness.notVisible() == 0));
        }
        if (replayPerSecond != null) {
            checks.add(new BenchReport.TargetCheck("replay", String.format(Locale.ROOT, ">= %,.0f/s", REPLAY_EVENTS_PER_SECOND),
                    String.format(Locale.ROOT, "%,.0f/s", replayPerSecond), replayPerSecond >= REPLAY_EVENTS_PER_SECOND));
        }
        return checks;
    }
}
