package dev.sluice.checkpoint;

import dev.sluice.config.CheckpointConfig;
import dev.sluice.config.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointLayoutTest {

    private static final Path HOME = Path.of("/srv/sluice");

    @Test
    void relativeLocationsAreUnderTheRepositoryRoot() {
        assertEquals("/srv/sluice/var/checkpoints/dev/dev/payments/merchant_fraud_5m",
                CheckpointLayout.queryLocation(new CheckpointConfig("var/checkpoints/dev"), HOME, "dev", "payments", "merchant_fraud_5m"));
        // No checkpoints section: the loader binds it to its defaults.
        assertEquals("/srv/sluice/var/checkpoints/dev/payments/x",
                CheckpointLayout.queryLocation(ConfigDefaults.of(CheckpointConfig.class), HOME, "dev", "payments", "x"));
        assertEquals("/srv/sluice/var/checkpoints/dev/payments/x",
                CheckpointLayout.queryLocation(new CheckpointConfig(" "), HOME, "dev", "payments", "x"), "a blank location is the default");
    }

    @Test
    void absolutePathsAndUrisAreKept() {
        assertEquals("/var/lib/sluice/checkpoints/prod/prod/payments/x",
                CheckpointLayout.queryLocation(new CheckpointConfig("/var/lib/sluice/checkpoints/prod"), HOME, "prod", "payments", "x"));
        assertEquals("s3a://bucket/sluice/prod/payments/x",
                CheckpointLayout.queryLocation(new CheckpointConfig("s3a://bucket/sluice/"), HOME, "prod", "payments", "x"));
        assertEquals("hdfs://nn:8020/cp/staging/payments/x",
                CheckpointLayout.queryLocation(new CheckpointConfig("hdfs://nn:8020/cp"), HOME, "staging", "payments", "x"));
    }
}
