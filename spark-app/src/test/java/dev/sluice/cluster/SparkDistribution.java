package dev.sluice.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The jars/ directory of a Spark distribution, made of Maven artifacts (no distribution can be downloaded where this
 * project builds): Maven resolves {@code spark-app/spark-distribution/pom.xml}, and {@link #home} lays the jars out
 * the way Spark's launcher expects a distribution: an empty {@code RELEASE} file and {@code jars/}.
 */
final class SparkDistribution {

    private static List<Path> jars;

    private SparkDistribution() {
    }

    /** The distribution's jars, resolved once per test JVM. */
    static synchronized List<Path> jars(Path workDir) throws IOException, InterruptedException {
        if (jars == null) {
            jars = resolve(workDir);
        }
        return jars;
    }

    /** A Spark home in {@code dir}: {@code RELEASE} and {@code jars/} with a link to each jar. */
    static Path home(Path dir) throws IOException, InterruptedException {
        Path jarsDir = Files.createDirectories(dir.resolve("jars"));
        Files.writeString(dir.resolve("RELEASE"), "");
        for (Path jar : jars(dir)) {
            Path link = jarsDir.resolve(jar.getFileName());
            if (Files.exists(link)) {
                // Two artifacts with one file name (different groups): keep both, as a distribution would.
                link = jarsDir.resolve(jar.getParent().getParent().getFileName() + "-" + jar.getFileName());
            }
            Files.createSymbolicLink(link, jar);
        }
        return dir;
    }

    private static List<Path> resolve(Path workDir) throws IOException, InterruptedException {
        Path pom = Path.of(property("sluice.spark.distribution.pom"));
        Path output = workDir.resolve("spark-distribution.classpath");
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-q"));
        String repository = System.getProperty("sluice.maven.repo.local");
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        command.addAll(List.of("-f", pom.toString(), "dependency:build-classpath", "-Dmdep.outputFile=" + output));
        try (ChildProcess maven = ChildProcess.start("maven", command, Map.of(), workDir.resolve("spark-distribution-maven.log"))) {
            int exit = maven.awaitExit(Duration.ofMinutes(10));
            if (exit != 0 || !Files.isRegularFile(output)) {
                throw new AssertionError("resolving the Spark distribution's jars failed (exit " + exit + "): " + String.join(" ", command)
                        + "\n" + maven.logTail(40) + "\nFix: make Maven resolve " + pom + " (run that command by hand to see why).");
            }
        }
        List<Path> resolved = Arrays.stream(Files.readString(output, StandardCharsets.UTF_8).strip().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        if (resolved.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("spark-core_"))) {
            throw new AssertionError("bug: the Spark distribution resolved from " + pom + " has no spark-core jar: " + resolved);
        }
        return resolved;
    }

    /** The mvn of the Maven running this build (failsafe passes maven.home), else MAVEN_CMD, else mvn on PATH. */
    private static String maven() {
        String home = System.getProperty("sluice.maven.home");
        if (home != null && !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        String command = System.getenv("MAVEN_CMD");
        return command == null || command.isBlank() ? "mvn" : command;
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + name + " is not set; run this test through Maven's failsafe (mvn verify from the repository root), "
                    + "whose failsafe configuration in spark-app/pom.xml sets it");
        }
        return value;
    }
}
