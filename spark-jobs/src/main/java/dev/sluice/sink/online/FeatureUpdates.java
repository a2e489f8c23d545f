package dev.sluice.sink.online;

import dev.sluice.config.FeatureFlagConfig;
import dev.sluice.online.FeatureFlags;
import dev.sluice.online.FeatureKeys;
import dev.sluice.online.FeatureUpdate;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one row of {@link NewestWindows} (entity, window_start, window_end, measures...) into the hash the entity gets:
 * measures as text, flags evaluated on them, the batch's version.
 */
final class FeatureUpdates {

    private final String keyPrefix;
    private final String domain;
    private final String aggregation;
    private final List<String> measures;
    private final Map<String, FeatureFlagConfig> flags;

    FeatureUpdates(String keyPrefix, String domain, String aggregation, List<String> measures, Map<String, FeatureFlagConfig> flags) {
        this.keyPrefix = keyPrefix;
        this.domain = domain;
        this.aggregation = aggregation;
        this.measures = List.copyOf(measures);
        this.flags = flags;
    }

    FeatureUpdate of(Row row, long version) {
        String entity = row.getString(0);
        Map<String, String> features = new LinkedHashMap<>();
        Map<String, Number> values = new LinkedHashMap<>();
        for (int i = 0; i < measures.size(); i++) {
            Object value = row.get(3 + i);
            if (value instanceof Number number) {
                values.put(measures.get(i), number);
            }
            if (value != null) {
                features.put(measures.get(i), text(value));
            }
        }
        flags.forEach((name, flag) -> features.put(name, Boolean.toString(FeatureFlags.test(flag, values.get(flag.measure())))));
        return new FeatureUpdate(FeatureKeys.key(keyPrefix, domain, aggregation, entity), row.getTimestamp(1).getTime(),
                row.getTimestamp(2).getTime(), version, features);
    }

    /**
     * Whole numbers without a fraction, decimals as Java prints them (what Long.parseLong / Double.parseDouble read
     * back), timestamps (min/max of a timestamp field) as epoch milliseconds, strings (min/max of a string) as they are.
     */
    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return Long.toString(timestamp.getTime());
        }
        return value.toString();
    }
}
