package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTableTest {

    static BenchReport.FreshnessFigures freshness(long triggerMillis, long p95Millis) {
        return new BenchReport.FreshnessFigures(50_000, 49_800, 120, triggerMillis, 200, 1_000_000, 0, 3_000, p95Millis,
                p95Millis + 500, p95Millis + 900, 40, Map.of("page_views_per_minute", new Freshness.Percentiles(900_000, 3_000, p95Millis, p95Millis + 500, p95Millis + 900)),
                Map.of("revenue_5m", "append mode: a window appears once final, after window + watermark"), 48, 12);
    }

    /** baseline: 300,000 events per CPU second, so the CPU ratio is pipelinePerCpu / 300,000. */
    static BenchReport report(double pipeline, double pipelinePerCpu, long p95Millis, long lowLatencyP95Millis, double replay) {
        BenchReport.FreshnessFigures freshness = freshness(5_000, p95Millis);
        BenchReport.FreshnessFigures lowLatency = freshness(1_000, lowLatencyP95Millis);
        double baseline = 250_000;
        double ratio = pipeline / baseline;
        double cpuRatio = pipelinePerCpu / 300_000;
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("spark", "3.5.7");
        versions.put("clickhouse", "18.16.1");
        BenchReport.Rate pipelineRate = new BenchReport.Rate("events", 2_000_000, pipeline, List.of(pipeline), pipelinePerCpu, "4 queries");
        return new BenchReport("ecommerce", "dev", "2026-11-23T10:00:00Z", 2_000_000, 7,
                new Machine(2, 25L << 30, 6L << 30, "Linux", "1.00 1.00 1.00"), "2.00 2.00 2.00", versions, Map.of("master", "local[2]"),
                new BenchReport.Rate("events", 2_000_000, 100_000, List.of(100_000.0), -1, "preload"),
                new BenchReport.Rate("events", 2_000_000, 400_000, List.of(400_000.0), 600_000, "read"),
                new BenchReport.Rate("events", 2_000_000, baseline, List.of(baseline), 300_000, "median of 1"),
                pipelineRate, ratio, cpuRatio, freshness, lowLatency,
                new BenchReport.Rate("events", 2_000_000, replay, List.of(replay), -1, "replay"),
                new BenchReport.Rate("rows", 200_000, 700_000, List.of(700_000.0), -1, "large"),
                new BenchReport.Rate("rows", 20_000, 60_000, List.of(60_000.0), -1, "small"),
                List.of(new CatchUp.QueryResult("ecommerce.page_views_per_minute", 4, 1_780_000, 20.5, 1000, Map.of("addBatch", 18_000L), 8.9, 6)),
                Targets.check(pipelineRate, ratio, cpuRatio, freshness, lowLatency, replay), 30, 600);
    }

    @Test
    void oneTableWithEveryFigureTheRatioAndTheTargets() {
        String table = BenchTable.render(report(160_000, 120_000, 6_000, 2_500, 200_000));
        for (String figure : List.of("preload", "baseline: Kafka read only", "baseline: read + decode + count", "pipeline catch-up",
                "pipeline per CPU second", "pipeline / baseline", "freshness p50 / p95 / p99", "freshness, 1 s trigger", "replay", "sink: ClickHouse writer",
                "sink: batch-sized inserts", "machine", "versions", "settings")) {
            assertTrue(table.contains(figure), figure + " missing in\n" + table);
        }
        assertTrue(table.contains("160,000 events/s"), table);
        assertTrue(table.contains("120,000 events/CPU-s"), table);
        assertTrue(table.contains(">= 100,000 met"), table);
        assertTrue(table.contains("Spark compiled 30 classes in the catch-up's 4 batches"), table);
        // per query: events per task CPU second, batches, classes compiled per batch
        assertTrue(table.contains("200,000 events/task CPU-s"), table);
        assertTrue(table.contains("1,780,000 events in 4 batches, tasks 8.9 CPU-s, 1.5 classes compiled per batch"), table);
        assertTrue(table.contains("0.40"), table);
        assertTrue(table.contains(">= 0.50 per CPU-s MISSED"), table);
        assertTrue(table.contains("in events/s: 0.64"), table);
        assertTrue(table.contains(">= 150,000/s met"), table);
        assertTrue(table.contains("3.0 / 6.0 / 6.5 s"), table);
        assertTrue(table.contains("<= 7.0 s met"), table);
        assertTrue(table.contains("3.0 / 2.5 / 3.0 s"), table);
        assertTrue(table.contains("<= 3.0 s met"), table);
        assertTrue(table.contains("48 batches, 0.3 classes compiled per batch"), table);
        assertTrue(table.contains(">= 300,000/s MISSED"), table);
        assertTrue(table.contains("revenue_5m (append mode"), table);
        assertTrue(table.contains("spark 3.5.7"), table);
        assertTrue(table.contains("2 cores, 25.0 GiB"), table);
    }

    @Test
    void targetsAreCheckedAtTheirBounds() {
        List<BenchReport.TargetCheck> checks = report(150_000, 150_000, 7_000, 3_000, 300_000).targets();
        assertEquals(List.of("pipeline", "pipeline per CPU-s", "pipeline / baseline", "freshness p95", "freshness p95, low latency", "replay"),
                checks.stream().map(BenchReport.TargetCheck::figure).toList());
        assertTrue(checks.stream().allMatch(BenchReport.TargetCheck::met), checks.toString());
        List<BenchReport.TargetCheck> missed = report(149_999, 99_999, 7_001, 3_001, 299_999).targets();
        assertTrue(missed.stream().noneMatch(BenchReport.TargetCheck::met), missed.toString());
    }

    @Test
    void skippedStepsShowAsSkippedAndTheirTargetsAreNotChecked() {
        BenchReport full = report(160_000, 120_000, 6_000, 2_500, 200_000);
        BenchReport partial = new BenchReport(full.domain(), full.environment(), full.startedAt(), full.events(), full.seed(), full.machine(),
                full.loadAverageAtEnd(), full.versions(), full.settings(), full.preload(), full.baselineReadOnly(), full.baseline(), full.pipeline(),
                full.pipelineToBaseline(), full.pipelineToBaselineCpu(), null, null, null, null, null, full.queries(),
                Targets.check(full.pipeline(), full.pipelineToBaseline(), full.pipelineToBaselineCpu(), null, null, null),
                full.catchUpCompiledClasses(), full.totalSeconds());
        String table = BenchTable.render(partial);
        assertTrue(table.contains("replay") && table.contains("skipped"), table);
        assertEquals(List.of("pipeline", "pipeline per CPU-s", "pipeline / baseline"),
                partial.targets().stream().map(BenchReport.TargetCheck::figure).toList());
    }

    @Test
    void theJsonHoldsTheFiguresByName() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report(160_000, 120_000, 6_000, 2_500, 200_000).toJson());
        assertEquals(160_000, json.at("/pipeline/perSecond").asDouble());
        assertEquals(0.64, json.at("/pipelineToBaseline").asDouble(), 1e-9);
        assertEquals(6_000, json.at("/freshness/p95Millis").asLong());
        assertEquals(2_500, json.at("/freshnessLowLatency/p95Millis").asLong());
        assertEquals(12, json.at("/freshness/compiledClasses").asLong());
        assertEquals(2, json.at("/machine/cores").asInt());
        assertEquals("3.5.7", json.at("/versions/spark").asText());
        assertEquals("ecommerce.page_views_per_minute", json.at("/queries/0/query").asText());
        assertEquals(6, json.at("/queries/0/compiledClasses").asLong());
        assertEquals(30, json.at("/catchUpCompiledClasses").asLong());
        assertEquals(6, json.at("/targets").size());
    }
}
