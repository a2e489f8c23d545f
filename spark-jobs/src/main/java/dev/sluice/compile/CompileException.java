package dev.sluice.compile;

/**
 * An aggregation cannot be turned into a Spark plan. Always bad config (the YAML asks for something the event or the
 * compiler does not support); retrying does not help. The config validator rejects most of these earlier, so seeing
 * one usually means the config was built in code without validation.
 */
public final class CompileException extends RuntimeException {

    public CompileException(String message) {
        super(message);
    }

    static CompileException badConfig(String domain, String aggregation, String problem, String fix) {
        return new CompileException("bad config: domain '" + domain + "', aggregation '" + aggregation + "': " + problem
                + (fix == null ? "" : "; fix: " + fix));
    }
}
