package dev.sluice.online;

/**
 * The Redis key layout of online features: one hash per aggregation and entity,
 * {@code <prefix>:<domain>:<aggregation>:<entity id>}, the prefix being {@code redis.keyPrefix} (default
 * {@code sluice}). Prefix, domain and aggregation never contain ':' (the validator insists), so the first three
 * parts are unambiguous; the id is taken as it is (it may contain ':').
 *
 * <p>Fields of the hash: every measure by name, every derived flag by name ({@code true}/{@code false}), and the
 * bookkeeping fields below, which start with '_' so they cannot clash with a measure or flag (those are identifiers
 * starting with a letter). A measure that is null in the window (e.g. a ratio over zero) has no field.
 */
public final class FeatureKeys {

    /** Window start, epoch milliseconds. */
    public static final String WINDOW_START = "_window_start";
    /** Window end (exclusive), epoch milliseconds. */
    public static final String WINDOW_END = "_window_end";
    /** The ClickHouse {@code _version} of the batch that wrote the window (the same number as its row's). */
    public static final String VERSION = "_version";
    /** When Redis applied the write, epoch milliseconds of Redis's clock. */
    public static final String UPDATED_AT = "_updated_at";

    private FeatureKeys() {
    }

    public static String key(String prefix, String domain, String aggregation, String entityId) {
        return prefix + ":" + domain + ":" + aggregation + ":" + entityId;
    }

    public static boolean bookkeeping(String field) {
        return field.startsWith("_");
    }
}
