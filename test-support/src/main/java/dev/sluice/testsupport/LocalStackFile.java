package dev.sluice.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code endpoints.properties} that {@code bin/sluice stack up} writes into its data dir. Found through
 * SLUICE_STACK_DIR, else SLUICE_HOME, else by walking up from the working directory (Maven runs each module's tests
 * in the module's directory) to the repository root, recognised by its {@code bin/sluice}.
 */
final class LocalStackFile {

    static final String FILE_NAME = "endpoints.properties";

    private final Path path;
    private final Properties endpoints;

    private LocalStackFile(Path path, Properties endpoints) {
        this.path = path;
        this.endpoints = endpoints;
    }

    /** Where the file is expected, whether or not it exists; empty when no repository root can be found. */
    static Optional<Path> expectedLocation(Map<String, String> env, Path workingDir) {
        String stackDir = env.get("SLUICE_STACK_DIR");
        if (stackDir != null && !stackDir.isBlank()) {
            return Optional.of(Path.of(stackDir).resolve(FILE_NAME));
        }
        String home = env.get("SLUICE_HOME");
        if (home != null && !home.isBlank()) {
            return Optional.of(defaultLocation(Path.of(home)));
        }
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin").resolve("sluice"))) {
                return Optional.of(defaultLocation(dir));
            }
        }
        return Optional.empty();
    }

    static Optional<LocalStackFile> find(Map<String, String> env, Path workingDir) {
        return expectedLocation(env, workingDir).filter(Files::isRegularFile).map(LocalStackFile::read);
    }

    Path path() {
        return path;
    }

    Optional<String> endpoint(StackPart part) {
        String value = endpoints.getProperty(part.endpointsKey);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Path defaultLocation(Path repoRoot) {
        return repoRoot.resolve("var").resolve("stack").resolve(FILE_NAME);
    }

    private static LocalStackFile read(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return new LocalStackFile(file, properties);
    }
}
