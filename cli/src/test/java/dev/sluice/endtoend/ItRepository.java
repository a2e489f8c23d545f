package dev.sluice.endtoend;

import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.StackEndpoints;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The integration tests' {@link ScratchRepository}: an {@value #ENVIRONMENT} overlay that points one shipped domain
 * at the test's services, its own ClickHouse database, and topics named for this run only ({@code e2e_<run>_<event
 * type>}: letters, digits and underscores, valid for Kafka and as a registry subject), so a rerun never reads an
 * earlier run's records.
 */
final class ItRepository {

    static final String ENVIRONMENT = "it";
    private static final Path SOURCE = Path.of("..").toAbsolutePath().normalize();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the overlay sets besides the endpoints. */
    record Settings(String domain, long maxOffsetsPerTrigger, Duration trigger, int partitions) {
    }

    private ItRepository() {
    }

    /** The tests run from a module directory, so the repository root is its parent. */
    static ScratchRepository create(Path directory, StackEndpoints stack, ClickHouseTestDatabase db, Settings settings) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String runId = HexFormat.of().formatHex(suffix);
        return ScratchRepository.create(SOURCE, directory, new ScratchRepository.Overlay(ENVIRONMENT,
                ItRepository.class.getSimpleName() + " for one integration test run", settings.domain(),
                new ScratchRepository.Endpoints(stack.kafkaBootstrap(), stack.registryUrl(), db.serverUrl(), db.name(), stack.redisUrl()),
                settings.trigger(), settings.maxOffsetsPerTrigger(), settings.partitions(), "e2e_" + runId + "_"));
    }
}
