package dev.sluice.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Downloads the servers' jars with Maven (through {@code stack/pom.xml}) into the data dir, once per version.
 * Maven rather than a hand-written download: it verifies checksums, honours the user's settings.xml and mirrors,
 * and caches in ~/.m2 so a second data dir costs no download.
 */
final class StackArtifacts {

    /** Written last into a resolved directory; its content is the version, so a version bump resolves again. */
    private static final String STAMP = ".resolved-version";

    private final StackLayout layout;
    private final PrintWriter out;

    StackArtifacts(StackLayout layout, PrintWriter out) {
        this.layout = layout;
        this.out = out;
    }

    /** A directory holding the runtime classpath of {@code org.apache.kafka:kafka_2.13:<version>}. */
    Path kafkaLibs(String version) {
        Path dir = layout.serviceDir("kafka").resolve("libs");
        ensure(dir, version, "kafka", "org.apache.kafka:kafka_2.13:" + version + " and its runtime dependencies",
                "dependency:copy-dependencies@kafka-libs", "-Dsluice.stack.kafka.libs=" + dir);
        return dir;
    }

    /** The unpacked {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}, which holds the runner jar. */
    Path registryApp(String version) {
        Path dir = layout.serviceDir("registry").resolve("app");
        ensure(dir, version, "registry", "io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all (~140 MB)",
                "dependency:unpack@registry-app", "-Dsluice.stack.registry.app=" + dir);
        return dir;
    }

    private void ensure(Path dir, String version, String service, String what, String goal, String outputProperty) {
        Path stamp = dir.resolve(STAMP);
        if (Files.isRegularFile(stamp) && version.equals(readQuietly(stamp))) {
            return;
        }
        deleteRecursively(dir);  // a different version or a half-finished earlier attempt
        Path log = layout.logFile("maven-" + service + ".log");
        out.printf("%-10s  resolving %s with Maven (once per version; log: %s)%n", service, what, log);
        out.flush();
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-f", layout.stackPom().toString(),
                goal, outputProperty));
        run(command, log, service);
        if (isEmpty(dir)) {
            throw new StackException("Maven finished but put nothing into " + dir + "; see " + log + ".");
        }
        try {
            Files.writeString(stamp, version);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + stamp, e);
        }
    }

    private void run(List<String> command, Path log, String service) {
        int exit;
        try {
            exit = ForegroundCommand.run(command, java.util.Map.of(), layout.home(), log, Duration.ofMinutes(30));
        } catch (StackException e) {
            throw new StackException(e.getMessage() + " (Maven 3.8+ must be on PATH, or MAVEN_CMD set to the mvn executable.)", e);
        }
        if (exit != 0) {
            LogTail.print(out, log, 30);
            throw new StackException("Maven could not resolve " + service + " (exit " + exit + "): " + String.join(" ", command)
                    + "\nSee " + log + "; check network access to Maven Central or your ~/.m2/settings.xml mirror.");
        }
    }

    private static String mavenExecutable() {
        String configured = System.getenv("MAVEN_CMD");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String mavenHome = System.getenv("MAVEN_HOME");
        if (mavenHome != null && new File(mavenHome, "bin/mvn").canExecute()) {
            return new File(mavenHome, "bin/mvn").getPath();
        }
        return "mvn";
    }

    private static boolean isEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir, e);
        }
    }
}
