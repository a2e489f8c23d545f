package dev.sluice.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where everything of one local stack lives. All state is under {@code dataDir}, so two stacks (say, two git
 * worktrees) never share files as long as they use different data dirs and ports.
 *
 * @param home    the repository root ({@code SLUICE_HOME}); holds {@code pom.xml} and {@code stack/pom.xml}
 * @param dataDir the stack's own directory, default {@code <home>/var/stack}
 */
record StackLayout(Path home, Path dataDir, StackPorts ports) {

    /** The one host everything binds to and is reached on: the stack is for this machine only. */
    static final String HOST = "127.0.0.1";

    Path serviceDir(String service) {
        return dataDir.resolve(service);
    }

    Path logDir() {
        return dataDir.resolve("logs");
    }

    Path logFile(String name) {
        return logDir().resolve(name);
    }

    Path pidDir() {
        return dataDir.resolve("run");
    }

    Path endpointsFile() {
        return dataDir.resolve("endpoints.properties");
    }

    /** The ports the last {@code up} used, so that {@code status} and {@code down} look in the same place. */
    Path portsFile() {
        return dataDir.resolve("ports.properties");
    }

    Path rootPom() {
        return home.resolve("pom.xml");
    }

    Path stackPom() {
        return home.resolve("stack").resolve("pom.xml");
    }

    /** The JVM running this CLI also runs Kafka and the registry, so they get the same Java 17+. */
    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create directory " + dir, e);
        }
    }
}
