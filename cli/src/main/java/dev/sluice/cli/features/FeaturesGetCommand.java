package dev.sluice.cli.features;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.AggregationConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.online.FeatureReader;
import dev.sluice.online.Features;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Print the online features of one or more entities with their window, age and TTL, as a model service would read them.",
                "Exit code 0 when every entity has features, 3 when some have none (never written, or expired)."})
public final class FeaturesGetCommand implements Callable<Integer> {

    /** Some requested entity has no features: distinct from failures (1) and config errors (2). */
    static final int EXIT_NOT_FOUND = 3;

    @Mixin
    EnvironmentOption env;

    @Mixin
    OnlineAggregationOptions target;

    @Option(names = "--key", paramLabel = "ID", description = "Entity id (e.g. a card id); repeatable.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--keys", paramLabel = "ID,ID,...", split = ",", description = "Several entity ids, comma separated.")
    List<String> keyList = new ArrayList<>();

    @Override
    public Integer call() {
        SluiceConfig config = Configs.loadWithSecrets(env).config();
        AggregationConfig selected = target.resolve(config);
        List<String> ids = new ArrayList<>(keys);
        ids.addAll(keyList);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("give at least one entity id with --key ID or --keys ID,ID");
        }
        try (FeatureReader reader = FeatureReader.connect(config.platform().redis())) {
            Map<String, Optional<Features>> found = reader.getAll(target.domain(), target.aggregation(), ids);
            new FeaturesPrinter(System.out, Clock.systemUTC()).print(target.domain(), selected, reader.endpoint(), found);
            return found.values().stream().allMatch(Optional::isPresent) ? 0 : EXIT_NOT_FOUND;
        }
    }

}
