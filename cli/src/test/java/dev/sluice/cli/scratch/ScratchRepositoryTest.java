package dev.sluice.cli.scratch;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchRepositoryTest {

    private static final Path SOURCE = Path.of("..").toAbsolutePath().normalize();
    private static final ScratchRepository.Endpoints ENDPOINTS =
            new ScratchRepository.Endpoints("127.0.0.1:46092", "http://127.0.0.1:46081/apis/ccompat/v7", "http://127.0.0.1:46123", null, null);

    private static SluiceConfig overlayConfig(ScratchRepository repository) {
        return ConfigLoader.forRepository(repository.home()).allowingMissingSecrets().load(repository.environment());
    }

    @Test
    void theOverlayPointsTheDomainAtTheEndpointsWithItsOwnCheckpointsAndBatchSizes(@TempDir Path dir) throws Exception {
        ScratchRepository repository = ScratchRepository.create(SOURCE, dir, new ScratchRepository.Overlay("scratch", "a unit test",
                "payments", new ScratchRepository.Endpoints("127.0.0.1:46092", "http://127.0.0.1:46081/apis/ccompat/v7",
                "http://127.0.0.1:46123", "db_42", "redis://127.0.0.1:46379"), Duration.ofMillis(500), 123, 3, "e2e_ab12_"));

        SluiceConfig config = overlayConfig(repository);
        assertEquals("127.0.0.1:46092", config.platform().kafka().bootstrapServers());
        assertEquals("http://127.0.0.1:46123", config.platform().clickhouse().url());
        assertEquals("db_42", config.platform().clickhouse().database());
        assertEquals("redis://127.0.0.1:46379", config.platform().redis().url());
        assertEquals("e2e_ab12", config.platform().redis().keyPrefix(), "the run's own Redis keys");
        assertEquals(Duration.ofMillis(500), config.platform().spark().triggerInterval());
        assertEquals(123, config.platform().spark().maxOffsetsPerTrigger());
        assertEquals(repository.checkpoints().toString(), config.platform().checkpoints().location());
        assertEquals(repository.metricsPort(), config.platform().metrics().port());
        DomainConfig payments = config.domain("payments");
        payments.events().values().forEach(event -> {
            assertEquals(("e2e_ab12_" + event.name()).toLowerCase(), event.topic());
            assertEquals(3, event.partitions());
        });
        String overlay = Files.readString(repository.home().resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve("scratch.yaml"));
        assertTrue(overlay.startsWith("# Written by a unit test.\n"), overlay);
    }

    @Test
    void withoutATopicPrefixOrDatabaseTheConfigsOwnAreKept(@TempDir Path dir) {
        ScratchRepository repository = ScratchRepository.create(SOURCE, dir, new ScratchRepository.Overlay("chaos", "a unit test",
                "payments", ENDPOINTS, Duration.ofSeconds(2), 2000, 2, null));

        DomainConfig shipped = ConfigLoader.forRepository(SOURCE).allowingMissingSecrets().load("dev").domain("payments");
        SluiceConfig config = overlayConfig(repository);
        assertEquals(ConfigLoader.forRepository(SOURCE).allowingMissingSecrets().load("dev").platform().clickhouse().database(),
                config.platform().clickhouse().database());
        assertEquals(shipped.events().values().stream().map(e -> e.topic()).toList(),
                config.domain("payments").events().values().stream().map(e -> e.topic()).toList());
        assertFalse(Files.exists(SOURCE.resolve(ConfigLoader.ENVIRONMENTS_DIR).resolve("chaos.yaml")), "the source must not be written to");
    }

    @Test
    void aSourceThatIsNoRepositoryIsRefused(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScratchRepository.create(dir.resolve("nothing"),
                dir.resolve("copy"), new ScratchRepository.Overlay("chaos", "a unit test", "payments", ENDPOINTS, Duration.ofSeconds(2), 1, 1, null)));
        assertTrue(e.getMessage().contains("is not a Sluice repository"), e.getMessage());
    }
}
