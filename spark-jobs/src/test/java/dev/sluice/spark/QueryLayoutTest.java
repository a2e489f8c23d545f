package dev.sluice.spark;

import dev.sluice.compile.AggregationCompiler;
import dev.sluice.compile.CompiledAggregation;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueryLayoutTest {

    @Test
    void checkpointPerEnvironmentDomainAndAggregationUnderTheRepositoryWithConfiguredTriggerAndLimits() {
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("config/platform.yaml").toFile().isFile()) {
            root = root.getParent();
        }
        SluiceConfig config = ConfigLoader.forRepository(root).allowingMissingSecrets().load("dev");
        DomainConfig payments = config.domain("payments");
        CompiledAggregation compiled = new AggregationCompiler().compile(payments, payments.aggregations().get("card_velocity_10m"));

        QueryLayout layout = QueryLayout.of(config, root, compiled);

        // environments/dev.yaml: checkpoints.location var/checkpoints, triggerInterval 5s, maxOffsetsPerTrigger 60000
        assertEquals(root.resolve("var/checkpoints") + "/dev/payments/card_velocity_10m", layout.checkpoint());
        assertEquals("payments.card_velocity_10m", layout.name());
        assertEquals(Duration.ofSeconds(5), layout.trigger());
        assertEquals(60_000L, layout.maxOffsetsPerTrigger());
    }
}
