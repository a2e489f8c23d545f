package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ClickHouse showed over time: per window, each time the summed count grew, the new count and the moment the
 * poll that saw it returned. A count seen at that moment was queryable at the latest then, so latencies derived from
 * it are upper bounds, off by at most one poll interval.
 */
final class VisibleCounts {

    record Step(long count, long seenAtMillis) {
    }

    private final Map<Long, List<Step>> steps = new TreeMap<>();

    synchronized void observe(long windowStart, long count, long seenAtMillis) {
        List<Step> window = steps.computeIfAbsent(windowStart, w -> new ArrayList<>());
        if (window.isEmpty() || count > window.get(window.size() - 1).count()) {
            window.add(new Step(count, seenAtMillis));
        }
    }

    synchronized List<Step> steps(long windowStart) {
        return List.copyOf(steps.getOrDefault(windowStart, List.of()));
    }

    synchronized long latest(long windowStart) {
        List<Step> window = steps.get(windowStart);
        return window == null || window.isEmpty() ? 0 : window.get(window.size() - 1).count();
    }
}
