package dev.sluice.endtoend;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines issue 17 found on the console that a user cannot act on, as fragments; a command's console output must
 * contain none of them (they belong in var/log). Also: no DDL statement said twice.
 */
final class ConsoleNoise {

    static final List<String> FRAGMENTS = List.of(
            " INFO ", "INFO  ", " WARN ",                          // log records with logger names: the file's format
            "AdminClientConfig", "were supplied but are not used",  // Spark's Kafka source hands consumer keys to an admin client
            "resolves to a loopback address", "SPARK_LOCAL_IP",     // Spark's host name check
            "Current batch is falling behind. The trigger",        // Spark's per-batch overrun warning
            "Truncated the string representation of a plan",
            "BatchWriter", "query=", "progress: ",                 // per-batch records of the job
            "DdlApplier", "MetricsServer", "CheckpointGuard", "NativeCodeLoader", "org.apache.");

    private ConsoleNoise() {
    }

    /** The noise lines in {@code output}, empty when there are none. */
    static List<String> in(String output) {
        List<String> found = new ArrayList<>();
        List<String> seenDdl = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (FRAGMENTS.stream().anyMatch(line::contains)) {
                found.add(line);
            }
            if (line.startsWith("done: create ")) {
                if (seenDdl.contains(line)) {
                    found.add("said twice: " + line);
                }
                seenDdl.add(line);
            }
        }
        return found;
    }
}
