package dev.sluice.generate;

import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.FieldConfig;
import dev.sluice.config.FieldGeneratorConfig;
import dev.sluice.config.FieldType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws the value of one non-entity field, as its {@code generate} hints say, or with a sensible default for its type
 * when there are none: enums uniform over their symbols, booleans 50/50, money heavy-tailed (lognormal around $25),
 * numbers in a small range, {@code *_id} strings random ids, {@code *_code} strings short codes, other strings
 * short words, timestamps within the week
 * before the event.
 *
 * <p>Values come out as the Java type of the field: String (string, enum symbol), Integer, Long (long, money,
 * timestamp), Double, Boolean, or null for an optional field's null. Generators are immutable and allocation-free
 * apart from boxing numbers; weighted choices use precomputed cumulative weights.
 */
public abstract class FieldValueGenerator {

    static final double DEFAULT_MONEY_MEDIAN = 2500;
    static final double DEFAULT_MONEY_SPREAD = 1.0;
    static final double DEFAULT_OPTIONAL_NULL_RATE = 0.1;
    private static final long WEEK_MILLIS = 7L * 24 * 3600 * 1000;
    private static final String[] WORDS = {
            "alpha", "amber", "apple", "aspen", "atlas", "birch", "blue", "breeze", "cedar", "cloud", "coral", "delta",
            "ember", "fern", "flint", "frost", "gale", "harbor", "iris", "ivory", "jade", "lake", "lotus", "maple",
            "meadow", "nova", "oak", "ocean", "pine", "quartz", "river", "sage", "slate", "stone", "sun", "tide"};

    /**
     * @param random    the stream's random source
     * @param row       values of the event generated so far, by field position (a dependsOn field comes first)
     * @param eventTime event time in epoch millis (timestamp fields default to shortly before it)
     */
    public abstract Object next(SplittableRandom random, Object[] row, long eventTime);

    /** The values this generator picks from, when it picks from a list; empty otherwise. */
    public List<Object> choices() {
        return List.of();
    }

    /** The median of the values drawn when {@code row[dependsOn]} is {@code dependencyValue}; NaN when not numeric. */
    public double medianFor(Object dependencyValue) {
        return Double.NaN;
    }

    /**
     * Builds the generator of a field. Problems with the hints are added to {@code problems} (and a usable default is
     * returned), so one pass reports every mistake of a domain.
     */
    public static FieldValueGenerator forField(EventTypeConfig event, FieldConfig field, List<String> problems) {
        String where = "events." + event.name() + ".fields." + field.name() + ".generate";
        FieldGeneratorConfig hints = field.generate();
        FieldValueGenerator base = baseFor(event, field, hints, where, problems);
        if (field.optional()) {
            double nullRate = hints.nullRate() != null ? hints.nullRate() : DEFAULT_OPTIONAL_NULL_RATE;
            if (nullRate > 0) {
                return new Nullable(nullRate, base);
            }
        }
        return base;
    }

    private static FieldValueGenerator baseFor(EventTypeConfig event, FieldConfig field, FieldGeneratorConfig hints,
                                               String where, List<String> problems) {
        FieldType type = field.type();
        List<String> values = hints.values();
        if (!values.isEmpty()) {
            return weighted(field, values, hints.weights(), where, problems);
        }
        if (type == FieldType.ENUM) {
            List<String> symbols = field.symbols();
            if (symbols.isEmpty()) {
                problems.add("events." + event.name() + ".fields." + field.name() + ": enum without symbols; list them under symbols:");
                return new Constant(null);
            }
            return weighted(field, symbols, null, where, problems);
        }
        if (type == FieldType.BOOLEAN) {
            return weighted(field, List.of("false", "true"), null, where, problems);
        }
        if (type == FieldType.STRING) {
            if (field.name().endsWith("_id") && field.name().length() > 3) {
                return new RandomId(field.name().substring(0, field.name().length() - 2));
            }
            if (field.name().endsWith("_code") || field.name().equals("code")) {
                return new RandomCode(6);
            }
            return new Words();
        }
        if (type == FieldType.TIMESTAMP && hints.min() == null && hints.median() == null) {
            return new TimestampBefore(WEEK_MILLIS);
        }
        return numeric(event, field, hints, where, problems);
    }

    private static FieldValueGenerator numeric(EventTypeConfig event, FieldConfig field, FieldGeneratorConfig hints,
                                               String where, List<String> problems) {
        FieldType type = field.type();
        String distribution = hints.distribution() == null ? null : hints.distribution().toLowerCase(Locale.ROOT);
        Double min = hints.min();
        Double max = hints.max();
        Double median = hints.median();
        Double spread = hints.spread();
        Map<String, Double> medianBy = hints.medianBy();
        String dependsOn = hints.dependsOn();
        if (distribution == null) {
            if (median != null || !medianBy.isEmpty()) {
                distribution = "lognormal";
            } else if (min != null || max != null) {
                distribution = "uniform";
            } else if (type == FieldType.MONEY) {
                distribution = "lognormal";
                median = DEFAULT_MONEY_MEDIAN;
                spread = DEFAULT_MONEY_SPREAD;
                min = 1.0;
                max = 10_000_000.0;
            } else {
                distribution = "uniform";
            }
        }
        double lo = min != null ? min : defaultMin(type, distribution);
        double hi = max != null ? max : defaultMax(type, distribution);
        if (lo > hi) {
            problems.add(where + ": min " + lo + " is greater than max " + hi + "; swap them");
            double t = lo;
            lo = hi;
            hi = t;
        }
        FieldValueGenerator generator = switch (distribution) {
            case "uniform" -> new Uniform(type, lo, hi);
            case "lognormal" -> {
                double sigma = spread != null ? spread : 1.0;
                if (sigma < 0) {
                    problems.add(where + ": spread " + sigma + " is negative; use a sigma like 0.5 (narrow) to 1.5 (very heavy-tailed)");
                    sigma = -sigma;
                }
                double m = median != null ? median : (lo > 0 && hi > 0 && hi < Double.MAX_VALUE ? Math.sqrt(lo * hi) : Double.NaN);
                if (Double.isNaN(m) && medianBy.isEmpty()) {
                    problems.add(where + ": lognormal needs a median (the typical value, e.g. median: 2500 for $25.00 in cents)");
                    m = 1;
                }
                if (!Double.isNaN(m) && m <= 0) {
                    problems.add(where + ": lognormal median must be positive, got " + m);
                    m = 1;
                }
                yield new LogNormal(type, Double.isNaN(m) ? 1 : m, sigma, lo, hi);
            }
            case "normal" -> {
                double mean = median != null ? median : (min != null && max != null ? (lo + hi) / 2 : 0);
                double sd = spread != null ? Math.abs(spread) : (min != null && max != null ? (hi - lo) / 6 : 1);
                yield new Normal(type, mean, sd, lo, hi);
            }
            default -> {
                problems.add(where + ": unknown distribution '" + distribution + "'; use uniform, lognormal or normal");
                yield new Uniform(type, lo, hi);
            }
        };
        if (!medianBy.isEmpty() || dependsOn != null) {
            return byDependency(event, field, generator, dependsOn, medianBy, where, problems);
        }
        return generator;
    }

    private static FieldValueGenerator byDependency(EventTypeConfig event, FieldConfig field, FieldValueGenerator base,
                                                    String dependsOn, Map<String, Double> medianBy, String where,
                                                    List<String> problems) {
        if (dependsOn == null) {
            problems.add(where + ": medianBy needs dependsOn naming the field whose value picks the median");
            return base;
        }
        int dependency = indexOf(event, dependsOn);
        if (dependency < 0) {
            problems.add(where + ": dependsOn '" + dependsOn + "' is not a field of " + event.name());
            return base;
        }
        if (dependsOn.equals(field.name())) {
            problems.add(where + ": a field cannot depend on itself");
            return base;
        }
        Map<String, FieldValueGenerator> byValue = new HashMap<>();
        medianBy.forEach((value, median) -> {
            if (median == null || median <= 0) {
                problems.add(where + ".medianBy." + value + ": median must be positive, got " + median);
                return;
            }
            byValue.put(value, base.withMedian(median));
        });
        return new ByDependency(dependency, byValue, base);
    }

    /** A copy centred on another median; only distributions with a centre support it. */
    FieldValueGenerator withMedian(double median) {
        return this;
    }

    private static int indexOf(EventTypeConfig event, String fieldName) {
        for (int i = 0; i < event.fields().size(); i++) {
            if (event.fields().get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }

    private static double defaultMin(FieldType type, String distribution) {
        if ("normal".equals(distribution)) {
            return type == FieldType.INT ? Integer.MIN_VALUE : -Double.MAX_VALUE;
        }
        if ("lognormal".equals(distribution)) {
            return type == FieldType.DOUBLE ? 0 : 1;
        }
        return 0;
    }

    private static double defaultMax(FieldType type, String distribution) {
        if ("uniform".equals(distribution)) {
            return switch (type) {
                case INT -> 100;
                case DOUBLE -> 1;
                default -> 10_000;
            };
        }
        return type == FieldType.INT ? Integer.MAX_VALUE : Double.MAX_VALUE;
    }

    private static FieldValueGenerator weighted(FieldConfig field, List<String> texts, List<Double> weights, String where,
                                                List<String> problems) {
        Object[] values = new Object[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            values[i] = parse(texts.get(i), field.type(), where + ".values[" + i + "]", problems);
        }
        double[] cumulative = new double[values.length];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            double w = weights == null || weights.isEmpty() ? 1.0 : (i < weights.size() && weights.get(i) != null ? weights.get(i) : 0.0);
            if (w < 0 || Double.isNaN(w)) {
                problems.add(where + ".weights[" + i + "]: weight " + w + " is negative; weights are relative frequencies >= 0");
                w = 0;
            }
            total += w;
            cumulative[i] = total;
        }
        if (weights != null && !weights.isEmpty() && weights.size() != values.length) {
            problems.add(where + ": " + weights.size() + " weights for " + values.length + " values; give one weight per value");
        }
        if (total <= 0) {
            problems.add(where + ": weights add up to 0; give at least one value a positive weight");
            Arrays.fill(cumulative, 1.0);
            total = 1.0;
        }
        return new Weighted(values, cumulative, total);
    }

    static Object parse(String text, FieldType type, String where, List<String> problems) {
        try {
            return switch (type) {
                case INT -> Integer.parseInt(text.trim());
                case LONG, MONEY, TIMESTAMP -> Long.parseLong(text.trim());
                case DOUBLE -> Double.parseDouble(text.trim());
                case BOOLEAN -> {
                    String t = text.trim().toLowerCase(Locale.ROOT);
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new NumberFormatException();
                    }
                    yield Boolean.valueOf(t);
                }
                case STRING, ENUM -> text;
            };
        } catch (NumberFormatException e) {
            problems.add(where + ": '" + text + "' is not a " + type.name().toLowerCase(Locale.ROOT)
                    + (type == FieldType.MONEY ? " (money is written in cents, e.g. 1999)" : ""));
            return null;
        }
    }

    /** Converts a drawn number to the field's Java type, rounding and clamping integers. */
    static Object box(FieldType type, double value) {
        return switch (type) {
            case INT -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(value)));
            case DOUBLE -> value;
            default -> Math.round(value);
        };
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Picks one of a list by relative weight. */
    static final class Weighted extends FieldValueGenerator {
        private final Object[] values;
        private final double[] cumulative;
        private final double total;

        Weighted(Object[] values, double[] cumulative, double total) {
            this.values = values;
            this.cumulative = cumulative;
            this.total = total;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return pick(random.nextDouble());
        }

        /** The value at quantile {@code u} of the weights; also used with hashed u for per-owner stable values. */
        Object pick(double u) {
            double target = u * total;
            double[] c = cumulative;
            if (c.length <= 16) {
                for (int i = 0; i < c.length; i++) {
                    if (target < c[i]) {
                        return values[i];
                    }
                }
                return values[c.length - 1];
            }
            int i = Arrays.binarySearch(c, target);
            i = i >= 0 ? i + 1 : -i - 1;
            return values[Math.min(i, c.length - 1)];
        }

        @Override
        public List<Object> choices() {
            return Arrays.asList(values);
        }
    }

    static final class Uniform extends FieldValueGenerator {
        private final FieldType type;
        private final double min;
        private final double max;

        Uniform(FieldType type, double min, double max) {
            this.type = type;
            this.min = min;
            this.max = max;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            if (type == FieldType.DOUBLE) {
                return min == max ? min : min + random.nextDouble() * (max - min);
            }
            long lo = (long) Math.ceil(min);
            long hi = (long) Math.floor(max);
            long value = hi <= lo ? lo : lo + random.nextLong(hi - lo + 1);
            return type == FieldType.INT ? (Object) (int) value : (Object) value;
        }
    }

    /** exp(N(ln median, spread)): most values near the median, a long tail of large ones, like real amounts. */
    static final class LogNormal extends FieldValueGenerator {
        private final FieldType type;
        private final double median;
        private final double mu;
        private final double sigma;
        private final double min;
        private final double max;

        LogNormal(FieldType type, double median, double sigma, double min, double max) {
            this.type = type;
            this.median = median;
            this.mu = Math.log(median);
            this.sigma = sigma;
            this.min = min;
            this.max = max;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return box(type, draw(random));
        }

        double draw(SplittableRandom random) {
            // Redraw a few times rather than clamp at once, so the bounds do not collect a spike of values.
            for (int attempt = 0; attempt < 4; attempt++) {
                double value = Math.exp(mu + sigma * random.nextGaussian());
                if (value >= min && value <= max) {
                    return value;
                }
            }
            return Math.max(min, Math.min(max, median));
        }

        @Override
        FieldValueGenerator withMedian(double newMedian) {
            return new LogNormal(type, newMedian, sigma, min, max);
        }

        @Override
        public double medianFor(Object dependencyValue) {
            return median;
        }
    }

    static final class Normal extends FieldValueGenerator {
        private final FieldType type;
        private final double mean;
        private final double sd;
        private final double min;
        private final double max;

        Normal(FieldType type, double mean, double sd, double min, double max) {
            this.type = type;
            this.mean = mean;
            this.sd = sd;
            this.min = min;
            this.max = max;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            double value = mean + sd * random.nextGaussian();
            return box(type, Math.max(min, Math.min(max, value)));
        }

        @Override
        FieldValueGenerator withMedian(double newMedian) {
            return new Normal(type, newMedian, sd, min, max);
        }

        @Override
        public double medianFor(Object dependencyValue) {
            return mean;
        }
    }

    /** Picks the distribution by another field's value (amounts by merchant category). */
    static final class ByDependency extends FieldValueGenerator {
        private final int dependency;
        private final Map<String, FieldValueGenerator> byValue;
        private final FieldValueGenerator fallback;

        ByDependency(int dependency, Map<String, FieldValueGenerator> byValue, FieldValueGenerator fallback) {
            this.dependency = dependency;
            this.byValue = byValue;
            this.fallback = fallback;
        }

        int dependency() {
            return dependency;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return forValue(row[dependency]).next(random, row, eventTime);
        }

        FieldValueGenerator forValue(Object value) {
            if (value == null) {
                return fallback;
            }
            FieldValueGenerator generator = byValue.get(value instanceof String s ? s : String.valueOf(value));
            return generator == null ? fallback : generator;
        }

        @Override
        public double medianFor(Object dependencyValue) {
            return forValue(dependencyValue).medianFor(dependencyValue);
        }
    }

    static final class Nullable extends FieldValueGenerator {
        private final double nullRate;
        private final FieldValueGenerator inner;

        Nullable(double nullRate, FieldValueGenerator inner) {
            this.nullRate = nullRate;
            this.inner = inner;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return random.nextDouble() < nullRate ? null : inner.next(random, row, eventTime);
        }

        @Override
        public List<Object> choices() {
            return inner.choices();
        }

        @Override
        public double medianFor(Object dependencyValue) {
            return inner.medianFor(dependencyValue);
        }

        FieldValueGenerator inner() {
            return inner;
        }
    }

    static final class Constant extends FieldValueGenerator {
        private final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return value;
        }
    }

    /** {@code order_id} and the like without an entity: a fresh random id per event, e.g. {@code order_5f3a9c01d2e4}. */
    static final class RandomId extends FieldValueGenerator {
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private final String prefix;

        RandomId(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            char[] out = new char[prefix.length() + 12];
            prefix.getChars(0, prefix.length(), out, 0);
            long bits = random.nextLong();
            for (int i = out.length - 1; i >= prefix.length(); i--) {
                out[i] = HEX[(int) (bits & 0xf)];
                bits >>>= 4;
            }
            return new String(out);
        }
    }

    /** {@code auth_code} and the like: six uppercase letters and digits, e.g. {@code 4QX7ZB}. */
    static final class RandomCode extends FieldValueGenerator {
        private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789".toCharArray();
        private final int length;

        RandomCode(int length) {
            this.length = length;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            char[] out = new char[length];
            for (int i = 0; i < length; i++) {
                out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            return new String(out);
        }
    }

    static final class Words extends FieldValueGenerator {
        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return WORDS[random.nextInt(WORDS.length)];
        }

        @Override
        public List<Object> choices() {
            return Arrays.asList((Object[]) WORDS);
        }
    }

    static final class TimestampBefore extends FieldValueGenerator {
        private final long maxMillis;

        TimestampBefore(long maxMillis) {
            this.maxMillis = maxMillis;
        }

        @Override
        public Object next(SplittableRandom random, Object[] row, long eventTime) {
            return eventTime - random.nextLong(maxMillis);
        }
    }
}
