package dev.sluice.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the connected ClickHouse server can do, derived from {@code SELECT version()}. Generated SQL uses a newer
 * feature only where the server has it, so the same config works on 18.16 (the oldest supported, what Debian ships)
 * and on current releases.
 */
public record ServerCapabilities(int major, int minor, int patch) implements Comparable<ServerCapabilities> {

    /** The oldest server Sluice supports: JSONEachRow inserts, ReplacingMergeTree(ver), column comments, FINAL. */
    public static final ServerCapabilities OLDEST = new ServerCapabilities(18, 16, 1);
    /** A current long-term-support release; the flavour the committed clickhouse/ddl files are generated for. */
    public static final ServerCapabilities CURRENT = new ServerCapabilities(24, 8, 0);

    private static final Pattern VERSION = Pattern.compile("^\\s*(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

    /**
     * Parses what {@code SELECT version()} returns, e.g. {@code 18.16.1} or {@code 24.8.4.13}.
     *
     * @throws IllegalArgumentException when the text is not a version or the server is older than {@link #OLDEST}
     */
    public static ServerCapabilities fromVersion(String version) {
        Matcher m = VERSION.matcher(version == null ? "" : version);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read the ClickHouse version from '" + version
                    + "' (expected e.g. 24.8.4.13); is the URL a ClickHouse HTTP endpoint? [bad config]");
        }
        ServerCapabilities capabilities = new ServerCapabilities(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
        if (capabilities.compareTo(OLDEST) < 0) {
            throw new IllegalArgumentException("ClickHouse " + capabilities.version() + " is older than " + OLDEST.version()
                    + ", the oldest Sluice supports; upgrade the server [bad config]");
        }
        return capabilities;
    }

    public String version() {
        return major + "." + minor + "." + patch;
    }

    /** DateTime64 and now64(): 20.1. */
    public boolean supportsDateTime64() {
        return atLeast(20, 1);
    }

    /** LowCardinality without allow_experimental_low_cardinality_type: production-ready since 19.3. */
    public boolean supportsLowCardinality() {
        return atLeast(19, 3);
    }

    /** Table TTL expressions: 19.6. */
    public boolean supportsTtl() {
        return atLeast(19, 6);
    }

    /** CREATE OR REPLACE VIEW (replaces a view without a moment in which it is missing): 21.1 and later. */
    public boolean supportsCreateOrReplaceView() {
        return atLeast(21, 1);
    }

    private boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public int compareTo(ServerCapabilities other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c == 0 ? Integer.compare(patch, other.patch) : c;
    }

    @Override
    public String toString() {
        return "ClickHouse " + version() + " (DateTime64: " + yes(supportsDateTime64()) + ", LowCardinality: "
                + yes(supportsLowCardinality()) + ", TTL: " + yes(supportsTtl()) + ", CREATE OR REPLACE VIEW: "
                + yes(supportsCreateOrReplaceView()) + ")";
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }
}
