package dev.sluice.generate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AmountsTest {

    private static double quantile(List<Long> sorted, double q) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    @Test
    void amountsAreHeavyTailedAroundTheMedianOfTheirMerchantCategory() {
        Map<String, Double> medianBy = Domains.payments().event("transaction").field("amount").orElseThrow().generate().medianBy();
        Map<String, List<Long>> byCategory = new HashMap<>();
        EventGenerator.stream(Domains.payments(), Domains.options(31, 400_000)).forEachRemaining(e -> {
            if (e.eventType().equals("transaction") && e.fraudPattern() == null) {
                byCategory.computeIfAbsent((String) e.value("merchant_category"), c -> new ArrayList<>()).add((Long) e.value("amount"));
            }
        });
        assertEquals(medianBy.keySet(), byCategory.keySet());
        byCategory.forEach((category, amounts) -> {
            amounts.sort(null);
            double median = quantile(amounts, 0.5);
            double expected = medianBy.get(category);
            double tolerance = amounts.size() > 2000 ? 0.08 : 0.25;
            assertEquals(expected, median, expected * tolerance, category + " median over " + amounts.size());
            double mean = amounts.stream().mapToLong(Long::longValue).average().orElseThrow();
            assertTrue(mean > 1.3 * median, category + ": heavy tail pulls the mean above the median");
            assertTrue(quantile(amounts, 0.99) > 8 * median, category + ": p99 far above the median");
        });
        // Travel is paid in hundreds, groceries in tens.
        assertTrue(quantile(byCategory.get("travel"), 0.5) > 5 * quantile(byCategory.get("grocery"), 0.5));
    }

    @Test
    void weightedValuesFollowTheirWeights() {
        Map<Object, Integer> methods = new HashMap<>();
        int[] total = {0};
        EventGenerator.stream(Domains.ecommerce(), Domains.options(32, 300_000)).forEachRemaining(e -> {
            if (e.eventType().equals("purchase")) {
                methods.merge(e.value("payment_method"), 1, Integer::sum);
                total[0]++;
            }
        });
        assertEquals(0.62, methods.get("card") / (double) total[0], 0.03);
        assertEquals(0.03, methods.get("gift_card") / (double) total[0], 0.01);
    }

    @Test
    void nullRateOfOptionalFields() {
        int[] counts = new int[2];
        EventGenerator.stream(Domains.ecommerce(), Domains.options(33, 100_000)).forEachRemaining(e -> {
            if (e.eventType().equals("purchase")) {
                counts[0]++;
                counts[1] += e.value("coupon_code") == null ? 1 : 0;
            }
        });
        assertEquals(0.85, counts[1] / (double) counts[0], 0.04);
    }
}
