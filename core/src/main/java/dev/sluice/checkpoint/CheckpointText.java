package dev.sluice.checkpoint;

import java.util.Arrays;
import java.util.List;

/** Line handling shared by the checkpoint log files. */
final class CheckpointText {

    /** The log versions this reader understands; Spark 3.5 writes v1 for all three logs. */
    private static final String SUPPORTED_VERSION = "v1";

    private CheckpointText() {
    }

    static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    static void requireVersion(List<String> lines, String file) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; the file is truncated (a crash while Spark wrote it) [bad data]");
        }
        if (!lines.get(0).equals(SUPPORTED_VERSION)) {
            throw new IllegalArgumentException(file + " starts with '" + abbreviate(lines.get(0)) + "', not '" + SUPPORTED_VERSION
                    + "': written by a Spark version this Sluice does not read, or not a checkpoint file [bad data]");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
