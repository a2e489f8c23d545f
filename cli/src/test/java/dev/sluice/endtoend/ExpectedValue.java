package dev.sluice.endtoend;

import java.util.Arrays;

/**
 * The expected value of one measure of one row, able to judge what ClickHouse printed for it (TabSeparated text,
 * {@code \N} for null). Exact measures must match exactly; the two approximate ones must lie within the error their
 * Spark functions document.
 */
sealed interface ExpectedValue {

    String NULL = "\\N";

    /** @return null when {@code text} is acceptable, else what is wrong with it */
    String mismatch(String text);

    /** An exact value: Long, Integer, String, Boolean, or Double compared bit for bit, or null. */
    record Exact(Object value) implements ExpectedValue {
        @Override
        public String mismatch(String text) {
            if (value == null) {
                return NULL.equals(text) ? null : "expected null, got " + text;
            }
            if (NULL.equals(text)) {
                return "expected " + value + ", got null";
            }
            boolean equal;
            if (value instanceof Long || value instanceof Integer) {
                equal = Long.parseLong(text) == ((Number) value).longValue();
            } else if (value instanceof Double d) {
                // Doubles here are quotients of exactly summed integers (avg of money, ratios of counts), computed the
                // way Spark computes them, so they must agree to the last bit; ClickHouse prints round-trippable text.
                equal = Double.compare(Double.parseDouble(text), d) == 0;
            } else if (value instanceof Boolean b) {
                equal = text.equals(b ? "1" : "0") || text.equals(b.toString());
            } else {
                equal = text.equals(value.toString());
            }
            return equal ? null : "expected " + value + ", got " + text;
        }
    }

    /**
     * A double that depends on summation order (sums and averages of double fields): Spark adds partial sums in
     * partition order, so only a relative tolerance is meaningful.
     */
    record Close(Double value, double relativeTolerance) implements ExpectedValue {
        @Override
        public String mismatch(String text) {
            if (value == null) {
                return NULL.equals(text) ? null : "expected null, got " + text;
            }
            if (NULL.equals(text)) {
                return "expected " + value + ", got null";
            }
            double actual = Double.parseDouble(text);
            double allowed = Math.max(Math.abs(value), 1e-300) * relativeTolerance;
            return Math.abs(actual - value) <= allowed ? null : "expected " + value + " (within " + relativeTolerance + " relative), got " + text;
        }
    }

    /**
     * approx_distinct: Spark's HyperLogLog++ with relative standard deviation {@code rsd}. HLL is deterministic for a
     * given set of values (no order dependence), so a bound of four standard deviations, plus one for tiny sets where
     * linear counting rounds, never flakes: the same data gives the same estimate on every run.
     */
    record Distinct(long exact, double rsd) implements ExpectedValue {
        @Override
        public String mismatch(String text) {
            long estimate = Long.parseLong(text);
            long allowed = (long) Math.ceil(4 * rsd * exact) + 1;
            return Math.abs(estimate - exact) <= allowed ? null
                    : "expected about " + exact + " distinct values (within " + allowed + "), got " + estimate;
        }
    }

    /**
     * approx_percentile: Spark's percentile_approx returns a value of the data whose rank is within
     * {@code n / accuracy} of the exact percentile's rank (the documented relative error is {@code 1 / accuracy}). The
     * exact answer is the smallest value with at least {@code ceil(p * n)} values at or below it. One rank of slack
     * covers the rounding of {@code p * n}.
     */
    record Percentile(double[] sorted, double percentile, int accuracy) implements ExpectedValue {
        @Override
        public String mismatch(String text) {
            if (sorted.length == 0) {
                return NULL.equals(text) ? null : "expected null (no values), got " + text;
            }
            if (NULL.equals(text)) {
                return "expected a percentile of " + sorted.length + " values, got null";
            }
            double value = Double.parseDouble(text);
            int below = lowerBound(value);
            int atOrBelow = upperBound(value);
            if (atOrBelow == below) {
                return "percentile " + text + " is not one of the " + sorted.length + " values";
            }
            long n = sorted.length;
            long target = (long) Math.ceil(percentile * n);
            long slack = (long) Math.ceil((double) n / accuracy) + 1;
            // value occupies ranks below+1 .. atOrBelow (1-based); the target rank must be within slack of that range
            boolean ok = target >= below + 1 - slack && target <= atOrBelow + slack;
            return ok ? null : "percentile " + percentile + " of " + n + " values should have rank " + target + " (within " + slack
                    + "); " + text + " has ranks " + (below + 1) + ".." + atOrBelow;
        }

        private int lowerBound(double value) {
            int i = Arrays.binarySearch(sorted, value);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && sorted[i - 1] == value) {
                i--;
            }
            return i;
        }

        private int upperBound(double value) {
            int i = Arrays.binarySearch(sorted, value);
            if (i < 0) {
                return -i - 1;
            }
            while (i < sorted.length - 1 && sorted[i + 1] == value) {
                i++;
            }
            return i + 1;
        }
    }
}
