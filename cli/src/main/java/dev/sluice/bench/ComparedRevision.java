package dev.sluice.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another git revision of Sluice, unpacked and built beside this checkout, so that {@code bin/sluice bench --compare
 * REF} can run that revision's own benchmark in the same invocation: on a shared machine only figures measured side by
 * side say whether a change helped.
 *
 * <p>Where: {@code var/bench-compare/<commit>/} holds the revision's tree ({@code git archive}, no worktree metadata)
 * and its own Maven local repository. The repository starts as hard links to this machine's (third-party artifacts are
 * immutable) without Sluice's own snapshots, so building the other revision installs ITS {@code dev.sluice} jars
 * there and never replaces the ones this checkout runs on. Both are kept for the next comparison with the same commit.
 */
public final class ComparedRevision {

    private static final Pattern REPO_LOCAL = Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)");

    private final String ref;
    private final String commit;
    private final Path root;
    private final Path mavenRepository;

    private ComparedRevision(String ref, String commit, Path root, Path mavenRepository) {
        this.ref = ref;
        this.commit = commit;
        this.root = root;
        this.mavenRepository = mavenRepository;
    }

    /** Resolves {@code ref} in the checkout at {@code home} and unpacks that commit (once). */
    public static ComparedRevision prepare(Path home, String ref, PrintStream out) {
        String commit = capture(home, List.of("git", "rev-parse", "--verify", "--quiet", ref + "^{commit}"))
                .orElseThrow(() -> new IllegalArgumentException("--compare " + ref + ": not a commit of the repository at " + home
                        + " (give a branch, tag or commit, e.g. --compare main or --compare HEAD~1)"));
        Path root = home.resolve("var").resolve("bench-compare").resolve(commit.substring(0, 12));
        Path repository = root.resolve(".m2-repository");
        try {
            if (!Files.exists(root.resolve("bin/sluice"))) {
                out.printf("  unpacking %s (%s) into %s%n", ref, commit.substring(0, 12), root);
                Files.createDirectories(root);
                run(home, List.of("sh", "-c", "git archive " + commit + " | tar -x -C '" + root + "'"), "unpack " + ref);
            }
            if (!Files.isDirectory(repository)) {
                Path local = localRepository();
                out.printf("  Maven repository for it: %s (hard links to %s, without dev.sluice)%n", repository, local);
                if (Files.isDirectory(local) && exit(home, List.of("cp", "-al", local.toString(), repository.toString())) != 0) {
                    run(home, List.of("cp", "-a", local.toString(), repository.toString()), "copy the Maven repository"); // another file system
                }
                run(home, List.of("rm", "-rf", repository.resolve("dev").resolve("sluice").toString()), "drop Sluice's own snapshots");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + root + " for --compare " + ref + ": " + e.getMessage(), e);
        }
        return new ComparedRevision(ref, commit, root, repository);
    }

    public String ref() {
        return ref;
    }

    public String shortCommit() {
        return commit.substring(0, 12);
    }

    /**
     * Runs that revision's {@code bin/sluice bench} (which builds it first when needed) with {@code args}, its console lines
     * shown with a prefix, everything also in {@code log}.
     *
     * @return the JSON results file it wrote
     */
    public Path bench(List<String> args, Path log, PrintStream out) {
        Path json = root.resolve("bench-" + System.currentTimeMillis() + ".json");
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/sluice").toString(), "bench"));
        command.addAll(args);
        command.addAll(List.of("--no-stack", "--out", json.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        String mavenOpts = REPO_LOCAL.matcher(environment.getOrDefault("MAVEN_OPTS", "")).replaceAll("").trim();
        environment.put("MAVEN_OPTS", (mavenOpts + " -Dmaven.repo.local=" + mavenRepository).trim());
        environment.put("SLUICE_HOME", root.toString());
        String prefix = "  " + ref + " | ";
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    file.write(line + "\n");
                    if (isForPeople(line)) {
                        out.println(prefix + line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || !Files.exists(json)) {
                throw new IllegalStateException("the benchmark of " + ref + " (" + shortCommit() + ") failed (exit " + exit + "); its output: " + log);
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the benchmark of " + ref + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the benchmark of " + ref + " ran", e);
        }
    }

    /** The other run's step and summary lines, not its log records (those stay in the log file). */
    private static boolean isForPeople(String line) {
        return !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*") && !line.isBlank();
    }

    /** This machine's Maven local repository: MAVEN_OPTS' -Dmaven.repo.local, else ~/.m2/repository. */
    static Path localRepository() {
        Matcher m = REPO_LOCAL.matcher(System.getenv().getOrDefault("MAVEN_OPTS", ""));
        return m.find() ? Path.of(m.group(1)) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void run(Path dir, List<String> command, String what) {
        int exit = exit(dir, command);
        if (exit != 0) {
            throw new IllegalStateException("--compare: could not " + what + " (`" + String.join(" ", command) + "` exited " + exit + ")");
        }
    }

    private static int exit(Path dir, List<String> command) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static java.util.Optional<String> capture(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && !text.isEmpty() ? java.util.Optional.of(text) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }
}
