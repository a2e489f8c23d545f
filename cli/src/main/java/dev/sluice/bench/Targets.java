package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets for a 2-core machine (ambitious on purpose), checked against one run's figures. */
final class Targets {

    /** Pipeline events per CPU second over baseline (read + decode + count) events per CPU second. */
    static final double PIPELINE_TO_BASELINE_CPU = 0.50;
    static final double PIPELINE_EVENTS_PER_SECOND = 150_000;
    static final double PIPELINE_EVENTS_PER_CPU_SECOND = 100_000;
    static final double REPLAY_EVENTS_PER_SECOND = 300_000;
    /** Freshness p95 may exceed the trigger interval by this much, at any trigger (so 3 s at the 1 s low-latency one). */
    static final long FRESHNESS_SLACK_MILLIS = 2_000;

    private Targets() {
    }

    /**
     * @param cpuRatio   pipeline / baseline in events per CPU second (-1 if unknown)
     * @param freshness  null when skipped, as is {@code lowLatency}; @param replayPerSecond null when skipped
     */
    static List<BenchReport.TargetCheck> check(BenchReport.Rate pipeline, double ratio, double cpuRatio, BenchReport.FreshnessFigures freshness,
                                               BenchReport.FreshnessFigures lowLatency, Double replayPerSecond) {
        List<BenchReport.TargetCheck> checks = new ArrayList<>();
        checks.add(new BenchReport.TargetCheck("pipeline", String.format(Locale.ROOT, ">= %,.0f/s", PIPELINE_EVENTS_PER_SECOND),
                String.format(Locale.ROOT, "%,.0f/s", pipeline.perSecond()), pipeline.perSecond() >= PIPELINE_EVENTS_PER_SECOND));
        checks.add(new BenchReport.TargetCheck("pipeline per CPU-s", String.format(Locale.ROOT, ">= %,.0f", PIPELINE_EVENTS_PER_CPU_SECOND),
                String.format(Locale.ROOT, "%,.0f", pipeline.perCpuSecond()), pipeline.perCpuSecond() >= PIPELINE_EVENTS_PER_CPU_SECOND));
        checks.add(new BenchReport.TargetCheck("pipeline / baseline", String.format(Locale.ROOT, ">= %.2f per CPU-s", PIPELINE_TO_BASELINE_CPU),
                String.format(Locale.ROOT, "%.2f (wall %.2f)", cpuRatio, ratio), cpuRatio >= PIPELINE_TO_BASELINE_CPU));
        freshnessCheck("freshness p95", freshness).ifPresent(checks::add);
        freshnessCheck("freshness p95, low latency", lowLatency).ifPresent(checks::add);
        if (replayPerSecond != null) {
            checks.add(new BenchReport.TargetCheck("replay", String.format(Locale.ROOT, ">= %,.0f/s", REPLAY_EVENTS_PER_SECOND),
                    String.format(Locale.ROOT, "%,.0f/s", replayPerSecond), replayPerSecond >= REPLAY_EVENTS_PER_SECOND));
        }
        return checks;
    }

    private static java.util.Optional<BenchReport.TargetCheck> freshnessCheck(String figure, BenchReport.FreshnessFigures freshness) {
        if (freshness == null || freshness.events() == 0) {
            return java.util.Optional.empty();
        }
        long limit = freshness.triggerMillis() + FRESHNESS_SLACK_MILLIS;
        return java.util.Optional.of(new BenchReport.TargetCheck(figure, String.format(Locale.ROOT, "<= %.1f s", limit / 1e3),
                String.format(Locale.ROOT, "%.1f s", freshness.p95Millis() / 1e3), freshness.p95Millis() <= limit && freshness.notVisible() == 0));
    }
}
