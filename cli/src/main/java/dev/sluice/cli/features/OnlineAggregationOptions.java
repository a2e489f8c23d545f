package dev.sluice.cli.features;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code --domain D --aggregation A}, naming an aggregation with {@code online:}: shared by the features commands. */
public final class OnlineAggregationOptions {

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN")
    String domain;

    @Option(names = "--aggregation", required = true, paramLabel = "NAME", description = "An aggregation with online:.")
    String aggregation;

    public String domain() {
        return domain;
    }

    public String aggregation() {
        return aggregation;
    }

    /** The named aggregation; refused, with the domain's online aggregations listed, when it has no {@code online:}. */
    public AggregationConfig resolve(SluiceConfig config) {
        DomainConfig domainConfig = config.domain(domain);
        AggregationConfig selected = domainConfig.aggregations().get(aggregation);
        if (selected == null || selected.online() == null) {
            List<String> online = domainConfig.aggregations().values().stream().filter(a -> a.online() != null).map(AggregationConfig::name).toList();
            throw new IllegalArgumentException("aggregation '" + aggregation + "' of domain " + domain
                    + (selected == null ? " does not exist" : " has no online: section") + "; online aggregations of " + domain + ": " + online);
        }
        return selected;
    }
}
