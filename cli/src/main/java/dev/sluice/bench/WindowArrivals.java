package dev.sluice.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each event of each window was produced, in production order: the producer side of the freshness
 * measurement. Filled by one thread (the load), read after it has finished.
 */
final class WindowArrivals {

    private final Map<Long, long[]> times = new TreeMap<>();
    private final Map<Long, Integer> sizes = new TreeMap<>();
    private long total;

    void add(long windowStart, long producedAtMillis) {
        long[] array = times.get(windowStart);
        int size = sizes.getOrDefault(windowStart, 0);
        if (array == null) {
            array = new long[1024];
        } else if (size == array.length) {
            array = Arrays.copyOf(array, array.length * 2);
        }
        array[size] = producedAtMillis;
        times.put(windowStart, array);
        sizes.put(windowStart, size + 1);
        total++;
    }

    /** Windows in order, each with its production times in production order. */
    Map<Long, long[]> byWindow() {
        Map<Long, long[]> copy = new TreeMap<>();
        times.forEach((window, array) -> copy.put(window, Arrays.copyOf(array, sizes.get(window))));
        return copy;
    }

    java.util.Set<Long> windows() {
        return java.util.Set.copyOf(sizes.keySet());
    }

    long total() {
        return total;
    }

    long count(long windowStart) {
        return sizes.getOrDefault(windowStart, 0);
    }
}
