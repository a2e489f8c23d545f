package dev.sluice.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code wrong}, if it is close enough to be a plausible typo. */
    public static Optional<String> nearest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wrong.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int tolerated = Math.max(2, wrong.length() / 3);
        if (best != null && bestDistance <= tolerated) {
            return Optional.of(best);
        }
        // Abbreviations and long forms: 'production' -> 'prod', 'desc' -> 'description'.
        String lower = wrong.toLowerCase();
        return candidates.stream().filter(c -> c.length() >= 3 && (lower.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lower)))
                .findFirst();
    }

    /** A fix text: "did you mean 'x'?" when one is close, else the full list. */
    public static String fixFor(String wrong, Collection<String> candidates, String what) {
        return nearest(wrong, candidates)
                .map(n -> "did you mean '" + n + "'? (" + what + ": " + String.join(", ", candidates) + ")")
                .orElse(what + ": " + String.join(", ", candidates));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
