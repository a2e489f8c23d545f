package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.console.TextTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two benchmark results side by side (this checkout and {@code --compare REF}), figure by figure with their ratio.
 * Reads both as JSON, so a result of an older revision (fields are only ever added) compares on what it has.
 */
public final class BenchComparison {

    /** One compared figure: where it is in the results, and whether more is better. */
    private record Figure(String name, String pointer, boolean higherIsBetter, String unit) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("baseline: read only", "/baselineReadOnly/perCpuSecond", true, "events/CPU-s"),
            new Figure("baseline: read + decode + count", "/baseline/perCpuSecond", true, "events/CPU-s"),
            new Figure("pipeline catch-up", "/pipeline/perSecond", true, "events/s"),
            new Figure("pipeline catch-up per CPU second", "/pipeline/perCpuSecond", true, "events/CPU-s"),
            new Figure("pipeline / baseline per CPU second", "/pipelineToBaselineCpu", true, ""),
            new Figure("classes compiled in the catch-up", "/catchUpCompiledClasses", false, ""),
            new Figure("freshness p95", "/freshness/p95Millis", false, "ms"),
            new Figure("freshness p95, 1 s trigger", "/freshnessLowLatency/p95Millis", false, "ms"),
            new Figure("classes compiled per live batch", "/freshness/compiledClasses", false, ""),
            new Figure("replay", "/replay/perSecond", true, "events/s"),
            new Figure("replay per CPU second", "/replay/perCpuSecond", true, "events/CPU-s"),
            new Figure("sink: ClickHouse writer", "/sink/perSecond", true, "rows/s"));

    private BenchComparison() {
    }

    public static JsonNode read(Path json) {
        try {
            return new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark results " + json + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode of(BenchReport report) {
        try {
            return new ObjectMapper().readTree(report.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the benchmark report [bug]: " + e.getMessage(), e);
        }
    }

    /** @param label / otherLabel column headings, e.g. "this (3f2a9c1d)" and "main (89e2815d)" */
    public static String render(JsonNode mine, String label, JsonNode other, String otherLabel) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FIGURE", label.toUpperCase(Locale.ROOT), otherLabel.toUpperCase(Locale.ROOT), "RATIO", ""));
        for (Figure f : FIGURES) {
            double a = value(mine, f.pointer());
            double b = value(other, f.pointer());
            if (f.pointer().equals("/freshness/compiledClasses")) {
                a = perBatch(mine, "/freshness");
                b = perBatch(other, "/freshness");
            }
            rows.add(row(f.name(), a, b, f.unit(), f.higherIsBetter()));
        }
        for (JsonNode query : mine.path("queries")) {
            String name = query.path("query").asText();
            JsonNode theirs = null;
            for (JsonNode q : other.path("queries")) {
                if (q.path("query").asText().equals(name)) {
                    theirs = q;
                }
            }
            rows.add(row("  " + name + " per task CPU-s", rowsPerTaskCpu(query), theirs == null ? Double.NaN : rowsPerTaskCpu(theirs),
                    "events", true));
            rows.add(row("  " + name + " drained after", query.path("secondsToDrain").asDouble(Double.NaN),
                    theirs == null ? Double.NaN : theirs.path("secondsToDrain").asDouble(Double.NaN), "s", false));
        }
        return TextTable.render(rows);
    }

    private static List<String> row(String name, double mine, double other, String unit, boolean higherIsBetter) {
        String ratio = "";
        String verdict = "";
        if (!Double.isNaN(mine) && !Double.isNaN(other) && other != 0) {
            double r = mine / other;
            ratio = String.format(Locale.ROOT, "%.2fx", r);
            verdict = Math.abs(r - 1) < 0.05 ? "within 5%" : (r > 1) == higherIsBetter ? "better" : "worse";
        }
        return List.of(name, format(mine, unit), format(other, unit), ratio, verdict);
    }

    private static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        String number = Math.abs(value) >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
        return unit.isEmpty() ? number : number + " " + unit;
    }

    /** NaN where the run has no such figure (skipped, or a revision that did not measure it); -1 in the JSON means not measured. */
    private static double value(JsonNode results, String pointer) {
        JsonNode node = results.at(pointer);
        if (node.isMissingNode() || node.isNull() || !node.isNumber() || node.asDouble() < 0) {
            return Double.NaN;
        }
        return node.asDouble();
    }

    private static double perBatch(JsonNode results, String freshness) {
        double compiled = value(results, freshness + "/compiledClasses");
        double batches = value(results, freshness + "/batches");
        return batches > 0 ? compiled / batches : Double.NaN;
    }

    private static double rowsPerTaskCpu(JsonNode query) {
        double cpu = query.path("taskCpuSeconds").asDouble(Double.NaN);
        return cpu > 0 ? query.path("inputRows").asDouble() / cpu : Double.NaN;
    }
}
