package dev.sluice.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Joins the producer's side ({@link WindowArrivals}) with ClickHouse's ({@link VisibleCounts}): the k-th event produced
 * into a window is queryable once the window's count reaches k, so its latency is the first moment the count was
 * seen at k or above, minus its production time.
 *
 * <p>Why "the k-th produced is among the first k counted": a micro-batch reads every partition up to the offsets
 * available when it is planned, so what a batch adds to a window is everything produced up to that moment - a prefix
 * of the production order, up to the producer's linger (20 ms), far below the poll interval. Events are valid and
 * unique (no filter, no duplicates, none late), so every event is counted exactly once.
 */
final class FreshnessCalculator {

    /** Latencies in ms (sorted) of the events that became visible, and how many did not before the probe ended. */
    record Latencies(long[] sortedMillis, long notVisible) {
    }

    private FreshnessCalculator() {
    }

    static Latencies latencies(WindowArrivals arrivals, VisibleCounts counts) {
        Map<Long, long[]> windows = arrivals.byWindow();
        long[] latencies = new long[(int) arrivals.total()];
        int n = 0;
        long notVisible = 0;
        for (Map.Entry<Long, long[]> window : windows.entrySet()) {
            long[] produced = window.getValue();
            List<VisibleCounts.Step> steps = counts.steps(window.getKey());
            int step = 0;
            for (int k = 1; k <= produced.length; k++) {
                while (step < steps.size() && steps.get(step).count() < k) {
                    step++;
                }
                if (step == steps.size()) {
                    notVisible += produced.length - k + 1;
                    break;
                }
                // A poll can only see what was produced before it; clamp the (ms-resolution) clock skew between threads.
                latencies[n++] = Math.max(0, steps.get(step).seenAtMillis() - produced[k - 1]);
            }
        }
        long[] result = Arrays.copyOf(latencies, n);
        Arrays.sort(result);
        return new Latencies(result, notVisible);
    }
}
