package dev.sluice.online;

import java.util.Map;

/**
 * One entity's newest window of one aggregation, as the sink writes it.
 *
 * @param key        the hash ({@link FeatureKeys#key})
 * @param features   measures and flags by name, already rendered as text (absent = null)
 */
public record FeatureUpdate(String key, long windowStartMs, long windowEndMs, long version, Map<String, String> features) {

    public FeatureUpdate {
        if (windowStartMs < 0 || windowEndMs < windowStartMs || version < 0) {
            // The Lua script compares these as unsigned decimal strings.
            throw new IllegalArgumentException("bug: feature update of " + key + " needs 0 <= window start <= window end and version >= 0");
        }
        features = Map.copyOf(features);
    }
}
