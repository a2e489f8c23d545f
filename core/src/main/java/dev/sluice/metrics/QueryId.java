package dev.sluice.metrics;

/**
 * Which streaming query a measurement belongs to. Sluice names each query {@code <domain>.<aggregation>}; domain
 * names are identifiers without dots, so the name splits unambiguously at the first dot.
 */
public record QueryId(String domain, String aggregation) {

    public QueryId {
        domain = domain == null ? "" : domain;
        aggregation = aggregation == null ? "" : aggregation;
    }

    /** The Spark query name, also the {@code query} label. */
    public String name() {
        return domain.isEmpty() ? aggregation : domain + "." + aggregation;
    }

    /**
     * Reads a query name. A name without a dot (an ad-hoc query someone started by hand) keeps an empty domain and
     * the whole name as its aggregation, so it is still measured rather than dropped.
     */
    public static QueryId parse(String queryName) {
        String name = queryName == null ? "" : queryName;
        int dot = name.indexOf('.');
        return dot <= 0 ? new QueryId("", name) : new QueryId(name.substring(0, dot), name.substring(dot + 1));
    }

    @Override
    public String toString() {
        return name();
    }
}
