package dev.sluice.cli.scratch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliProcessTest {

    private static final Path SOURCE = Path.of("..").toAbsolutePath().normalize();

    private static long versionLines(ScratchRepository repository, Path log, CliProcess.Launch launch) {
        try (CliProcess child = CliProcess.start(repository, List.of("--version"), log, launch)) {
            assertTrue(child.pid() > 0);
            assertEquals(0, child.awaitExit(Duration.ofMinutes(1)), child.tail(20));
            assertEquals(log, child.log());
            return child.linesContaining("sluice", "0.1.0");
        }
    }

    @Test
    void aChildSluiceJvmAppendsToItsLogByDefaultAndStartsAfreshOnRequest(@TempDir Path dir) {
        ScratchRepository repository = ScratchRepository.create(SOURCE, dir.resolve("repo"), new ScratchRepository.Overlay("scratch",
                "a unit test", "payments", new ScratchRepository.Endpoints("127.0.0.1:1", "http://127.0.0.1:1", "http://127.0.0.1:1", null, null),
                Duration.ofSeconds(2), 10, 1, null));
        Path log = repository.logs().resolve("version.out");

        assertEquals(1, versionLines(repository, log, CliProcess.Launch.DEFAULT));
        assertEquals(2, versionLines(repository, log, CliProcess.Launch.DEFAULT), "the default appends: several commands share one log");
        assertEquals(1, versionLines(repository, log, new CliProcess.Launch(List.of("-XX:TieredStopAtLevel=1"), false)),
                "a fresh log holds only this child's output");
    }
}
