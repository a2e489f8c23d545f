package dev.sluice.spark;

import java.util.ArrayList;
import java.util.List;

/** {@code --env E --domain D [--aggregation A]... [--until-idle] [--idle-triggers N]}, as bin/sluice run passes them. */
public record JobArguments(String env, String domain, List<String> aggregations, boolean untilIdle, int idleTriggers) {

    public static final String USAGE = "usage: StreamingJobMain --env ENV --domain DOMAIN [--aggregation NAME]... [--until-idle] [--idle-triggers N]";

    public static JobArguments parse(String[] args) {
        String env = System.getenv().getOrDefault("SLUICE_ENV", "dev");
        String domain = null;
        List<String> aggregations = new ArrayList<>();
        boolean untilIdle = false;
        int idleTriggers = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--env" -> env = value(args, ++i);
                case "--domain" -> domain = value(args, ++i);
                case "--aggregation" -> aggregations.add(value(args, ++i));
                case "--until-idle" -> untilIdle = true;
                case "--idle-triggers" -> {
                    try {
                        idleTriggers = Integer.parseInt(value(args, ++i));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--idle-triggers needs a whole number; " + USAGE);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        if (domain == null) {
            throw new IllegalArgumentException("--domain is required; " + USAGE);
        }
        if (idleTriggers < 1) {
            throw new IllegalArgumentException("--idle-triggers must be at least 1");
        }
        return new JobArguments(env, domain, List.copyOf(aggregations), untilIdle, idleTriggers);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }
}
