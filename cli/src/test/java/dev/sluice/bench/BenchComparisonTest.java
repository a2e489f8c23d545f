package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchComparisonTest {

    @Test
    void figuresSideBySideWithTheirRatioAndWhichWayIsBetter() {
        JsonNode mine = BenchComparison.of(BenchTableTest.report(160_000, 120_000, 6_000, 2_500, 200_000));
        JsonNode theirs = BenchComparison.of(BenchTableTest.report(40_000, 24_000, 12_000, 2_500, 200_000));
        String table = BenchComparison.render(mine, "this checkout", theirs, "main (89e2815bb959)");
        assertTrue(table.contains("THIS CHECKOUT") && table.contains("MAIN (89E2815BB959)"), table);
        assertTrue(table.matches("(?s).*pipeline catch-up +160,000 events/s +40,000 events/s +4\\.00x +better.*"), table);
        assertTrue(table.matches("(?s).*pipeline catch-up per CPU second +120,000 events/CPU-s +24,000 events/CPU-s +5\\.00x +better.*"), table);
        // a latency that halves is better, though its ratio is below 1
        assertTrue(table.matches("(?s).*freshness p95 +6,000 ms +12,000 ms +0\\.50x +better.*"), table);
        assertTrue(table.matches("(?s).*freshness p95, 1 s trigger +2,500 ms +2,500 ms +1\\.00x +within 5%.*"), table);
        assertTrue(table.matches("(?s).*ecommerce\\.page_views_per_minute per task CPU-s +200,000 events +200,000 events +1\\.00x.*"), table);
    }

    @Test
    void aFigureTheOtherRevisionDidNotMeasureShowsAsMissing() {
        JsonNode mine = BenchComparison.of(BenchTableTest.report(160_000, 120_000, 6_000, 2_500, 200_000));
        ObjectNode older = (ObjectNode) BenchComparison.of(BenchTableTest.report(40_000, 24_000, 12_000, 2_500, 200_000));
        older.remove("freshnessLowLatency");
        older.remove("catchUpCompiledClasses");
        ((ObjectNode) older.path("queries").get(0)).remove("taskCpuSeconds");
        String table = BenchComparison.render(mine, "this checkout", new ObjectMapper().valueToTree(older), "old");
        assertTrue(table.matches("(?s).*freshness p95, 1 s trigger +2,500 ms +- .*"), table);
        assertTrue(table.matches("(?s).*classes compiled in the catch-up +30 +- .*"), table);
        assertTrue(table.matches("(?s).*page_views_per_minute per task CPU-s +200,000 events +- .*"), table);
    }
}
