package dev.sluice.cli.features;

import dev.sluice.config.AggregationConfig;
import dev.sluice.online.Features;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Prints features per entity: window, age, TTL, then measures and flags in the config's order. */
final class FeaturesPrinter {

    private final PrintStream out;
    private final Clock clock;

    FeaturesPrinter(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void print(String domain, AggregationConfig aggregation, String endpoint, Map<String, Optional<Features>> found) {
        out.printf("%s.%s from %s%n", domain, aggregation.name(), endpoint);
        List<String> order = new ArrayList<>(aggregation.measures().keySet());
        order.addAll(aggregation.online().flags().keySet());
        int width = order.stream().mapToInt(String::length).max().orElse(8) + 2;
        found.forEach((id, features) -> {
            out.println();
            if (features.isEmpty()) {
                out.printf("%s: no features (never written, or expired after the TTL of %s)%n", id, format(aggregation.online().ttl()));
                return;
            }
            Features f = features.get();
            out.printf("%s%n", id);
            out.printf("  %-" + width + "s%s .. %s (%s)%n", "window", f.windowStart(), f.windowEnd(), relative(f));
            out.printf("  %-" + width + "s%s ago, version %d%s%n", "written", format(f.age(clock)), f.version(),
                    f.expiresIn().map(t -> ", expires in " + format(t)).orElse(""));
            for (String name : order) {
                out.printf("  %-" + width + "s%s%n", name, f.value(name).orElse("null"));
            }
        });
    }

    private String relative(Features f) {
        Duration sinceEnd = Duration.between(f.windowEnd(), clock.instant());
        return sinceEnd.isNegative() ? "open, ends in " + format(sinceEnd.negated()) : "ended " + format(sinceEnd) + " ago";
    }

    static String format(Duration d) {
        long ms = Math.abs(d.toMillis());
        if (ms < 10_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return (s / 60 > 0 ? s / 60 + " min " : "") + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
