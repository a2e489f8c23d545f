package dev.sluice.cli.features;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.clickhouse.ClickHouseConnection;
import dev.sluice.clickhouse.Sql;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.online.FeatureReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Measure lookup latency of the embeddable FeatureReader: one get() per lookup, entity ids taken from the",
                "aggregation's _current view in ClickHouse (so the keys exist), one thread, after a warm-up. Prints p50/p90/p99/max."})
public final class FeaturesLatencyCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Mixin
    OnlineAggregationOptions target;

    @Option(names = "--lookups", paramLabel = "N", description = "Measured lookups (default ${DEFAULT-VALUE}).")
    int lookups = 20_000;

    @Override
    public Integer call() {
        SluiceConfig config = Configs.loadWithSecrets(env).config();
        AggregationConfig selected = target.resolve(config);
        DomainConfig domainConfig = config.domain(target.domain());
        if (lookups < 1) {
            throw new IllegalArgumentException("--lookups must be at least 1");
        }
        List<String> ids;
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config.platform().clickhouse())) {
            String view = Sql.qualified(config.platform().clickhouse().database(), AggregationColumns.tableName(domainConfig, selected) + "_current");
            ids = clickhouse.select("SELECT DISTINCT " + selected.groupBy().get(0) + " FROM " + view + " LIMIT 10000").stream()
                    .map(row -> row.get(0)).toList();
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("the _current view of " + target.aggregation() + " has no rows yet; run the job first");
        }
        try (FeatureReader reader = FeatureReader.connect(config.platform().redis())) {
            int found = 0;
            for (int i = 0; i < Math.min(2_000, lookups); i++) {
                reader.get(target.domain(), target.aggregation(), ids.get(i % ids.size()));  // warm-up: connections, JIT
            }
            long[] nanos = new long[lookups];
            for (int i = 0; i < lookups; i++) {
                long started = System.nanoTime();
                boolean present = reader.get(target.domain(), target.aggregation(), ids.get(i % ids.size())).isPresent();
                nanos[i] = System.nanoTime() - started;
                found += present ? 1 : 0;
            }
            Arrays.sort(nanos);
            System.out.printf("%d lookups of %s.%s (%d distinct keys, %d found) from %s, one thread:%n", lookups, target.domain(), target.aggregation(),
                    ids.size(), found, reader.endpoint());
            System.out.printf("  p50 %.3f ms   p90 %.3f ms   p99 %.3f ms   max %.3f ms%n", ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6);
        }
        return 0;
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
