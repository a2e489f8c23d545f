package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code <data dir>/endpoints.properties}: how to reach the running stack. Read by the integration tests
 * (test-support's RealStack) and by anything else that wants the local endpoints without knowing the ports.
 */
final class EndpointsFile {

    private EndpointsFile() {
    }

    static Path write(StackLayout layout, List<StackService> services) {
        StringBuilder text = new StringBuilder()
                .append("# Written by `bin/sluice stack up` at ").append(Instant.now()).append(" once every service answered.\n")
                .append("# Read by dev.sluice.testsupport.RealStack; SLUICE_KAFKA / SLUICE_REGISTRY / SLUICE_CLICKHOUSE / SLUICE_REDIS override it.\n");
        for (StackService service : services) {
            text.append(service.endpointsKey()).append('=').append(service.address()).append('\n');
        }
        Path file = layout.endpointsFile();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
