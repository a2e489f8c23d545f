package dev.sluice.replay;

import dev.sluice.config.Durations;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --env E --domain D [--aggregation A]... [--from T] [--to T] [--kafka-from T] [--kafka-to T] [--include-late]
 * [--dry-run]}, as bin/sluice replay passes them. Times are ISO-8601 instants ({@code 2026-11-23T10:00:00Z}), epoch
 * milliseconds, {@code now}, {@code now-2h}, or {@code earliest}/{@code latest} for an open bound.
 */
public record ReplayArguments(String env, String domain, List<String> aggregations, ReplayRange range, boolean includeLate, boolean dryRun) {

    public static final String USAGE = "usage: ReplayJobMain --env ENV --domain DOMAIN [--aggregation NAME]... [--from T] [--to T] "
            + "[--kafka-from T] [--kafka-to T] [--include-late] [--dry-run]";

    public static ReplayArguments parse(String[] args, Clock clock) {
        String env = System.getenv().getOrDefault("SLUICE_ENV", "dev");
        String domain = null;
        List<String> aggregations = new ArrayList<>();
        Optional<Instant> from = Optional.empty();
        Optional<Instant> to = Optional.empty();
        Optional<Instant> kafkaFrom = Optional.empty();
        Optional<Instant> kafkaTo = Optional.empty();
        boolean includeLate = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--env" -> env = value(args, ++i);
                case "--domain" -> domain = value(args, ++i);
                case "--aggregation" -> aggregations.add(value(args, ++i));
                case "--from" -> from = time("--from", value(args, ++i), clock);
                case "--to" -> to = time("--to", value(args, ++i), clock);
                case "--kafka-from" -> kafkaFrom = time("--kafka-from", value(args, ++i), clock);
                case "--kafka-to" -> kafkaTo = time("--kafka-to", value(args, ++i), clock);
                case "--include-late" -> includeLate = true;
                case "--dry-run" -> dryRun = true;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        if (domain == null) {
            throw new IllegalArgumentException("--domain is required; " + USAGE);
        }
        return new ReplayArguments(env, domain, List.copyOf(aggregations), new ReplayRange(from, to, kafkaFrom, kafkaTo), includeLate, dryRun);
    }

    /** Empty for an open bound. */
    static Optional<Instant> time(String option, String text, Clock clock) {
        String value = text.trim();
        if (value.equals("earliest") || value.equals("latest")) {
            return Optional.empty();
        }
        if (value.equals("now")) {
            return Optional.of(clock.instant());
        }
        if (value.startsWith("now-")) {
            try {
                return Optional.of(clock.instant().minus(Durations.parse(value.substring(4))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " '" + text + "': " + e.getMessage() + "; write now-<duration> like now-2h");
            }
        }
        if (value.matches("\\d{10,}")) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a time; write an ISO-8601 instant like 2026-11-23T10:00:00Z, "
                    + "epoch milliseconds, now, now-2h, earliest or latest");
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
