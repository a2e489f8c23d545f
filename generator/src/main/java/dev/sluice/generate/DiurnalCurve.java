package dev.sluice.generate;

/**
 * Activity over the day: density factor {@code 1 + amplitude * cos(2 pi (hour - 16) / 24)} of UTC hour, so the
 * busiest time is late afternoon, the quietest around 04:00, and the daily mean is exactly the configured rate.
 */
final class DiurnalCurve {

    static final double PEAK_HOUR_UTC = 16;
    private static final double DAY_MILLIS = 86_400_000.0;

    private final double amplitude;

    DiurnalCurve(double amplitude) {
        this.amplitude = amplitude;
    }

    double factor(double epochMillis) {
        if (amplitude == 0) {
            return 1;
        }
        double dayFraction = (epochMillis % DAY_MILLIS) / DAY_MILLIS;
        return 1 + amplitude * Math.cos(2 * Math.PI * (dayFraction - PEAK_HOUR_UTC / 24));
    }
}
