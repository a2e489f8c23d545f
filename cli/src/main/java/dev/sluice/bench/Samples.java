package dev.sluice.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Order statistics of measured values. A benchmark on a shared machine is noisy, so repeated short measurements are
 * summarised by their median (robust against one slow run), latencies by nearest-rank percentiles (an actual observed
 * value, never an interpolation between two).
 */
public final class Samples {

    private Samples() {
    }

    /** Median; the mean of the two middle values for an even count. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values [bug]");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Nearest-rank percentile of values sorted ascending: the smallest value such that at least {@code p} of all
     * values are less than or equal to it.
     *
     * @param p in (0, 1]
     */
    public static long percentile(long[] sortedAscending, double p) {
        if (sortedAscending.length == 0) {
            throw new IllegalArgumentException("percentile of no values [bug]");
        }
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1], got " + p + " [bug]");
        }
        int rank = (int) Math.ceil(p * sortedAscending.length);
        return sortedAscending[Math.max(0, rank - 1)];
    }

    /** Sorted copy. */
    public static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
