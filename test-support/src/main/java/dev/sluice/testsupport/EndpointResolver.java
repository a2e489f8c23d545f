package dev.sluice.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Decides, per service, where integration tests find it:
 * <ol>
 *   <li>the environment variable (SLUICE_KAFKA, SLUICE_REGISTRY, SLUICE_CLICKHOUSE, SLUICE_REDIS): an explicit choice, used or
 *       failed on, never second-guessed;</li>
 *   <li>the running local stack, through its endpoints.properties;</li>
 *   <li>containers, when a Docker engine is available;</li>
 *   <li>otherwise the tests fail, with a message that says how to start the stack.</li>
 * </ol>
 * Every endpoint is probed before it is handed out, so a stale endpoints file or a stopped service shows up as one
 * clear message instead of as timeouts deep inside a test.
 */
final class EndpointResolver {

    private final Map<String, String> env;
    private final Path workingDir;
    private final ServiceProbe probe;
    private final Supplier<ContainerFallback> containers;

    EndpointResolver(Map<String, String> env, Path workingDir, ServiceProbe probe, Supplier<ContainerFallback> containers) {
        this.env = env;
        this.workingDir = workingDir;
        this.probe = probe;
        this.containers = containers;
    }

    StackEndpoints resolve() {
        Map<StackPart, String> found = new EnumMap<>(StackPart.class);
        Map<StackPart, String> problems = new EnumMap<>(StackPart.class);
        Optional<LocalStackFile> localStack = LocalStackFile.find(env, workingDir);
        Set<StackPart> stillMissing = EnumSet.noneOf(StackPart.class);

        for (StackPart part : StackPart.values()) {
            String fromEnv = env.get(part.envVar);
            if (fromEnv != null && !fromEnv.isBlank()) {
                String endpoint = normalise(fromEnv);
                probe.problem(part, endpoint).ifPresentOrElse(
                        problem -> problems.put(part, part.envVar + "=" + endpoint + " does not answer: " + problem),
                        () -> found.put(part, endpoint));
                continue;
            }
            Optional<String> fromFile = localStack.flatMap(file -> file.endpoint(part)).map(EndpointResolver::normalise);
            if (fromFile.isPresent()) {
                Optional<String> problem = probe.problem(part, fromFile.get());
                if (problem.isEmpty()) {
                    found.put(part, fromFile.get());
                    continue;
                }
                problems.put(part, "the local stack's " + fromFile.get() + " (from " + localStack.get().path()
                        + ") does not answer: " + problem.get());
            } else {
                problems.put(part, "no " + part.envVar + " set and no running local stack ("
                        + LocalStackFile.expectedLocation(env, workingDir).map(p -> p + " does not exist")
                        .orElse("no repository root with bin/sluice above " + workingDir.toAbsolutePath()) + ")");
            }
            stillMissing.add(part);
        }

        boolean envVarFailed = problems.keySet().stream().anyMatch(p -> !stillMissing.contains(p));
        if (!stillMissing.isEmpty() && !envVarFailed) {
            startContainers(stillMissing, found, problems);
        }
        if (!problems.isEmpty()) {
            throw new StackUnavailableException(message(problems));
        }
        return new StackEndpoints(found.get(StackPart.KAFKA), found.get(StackPart.REGISTRY), found.get(StackPart.CLICKHOUSE),
                found.get(StackPart.REDIS));
    }

    private void startContainers(Set<StackPart> missing, Map<StackPart, String> found, Map<StackPart, String> problems) {
        ContainerFallback fallback = containers.get();
        if (!fallback.available()) {
            missing.forEach(part -> problems.merge(part, "no Docker engine for Testcontainers either", (a, b) -> a + "; " + b));
            return;
        }
        Map<StackPart, String> started;
        try {
            started = fallback.start(missing);
        } catch (RuntimeException e) {
            missing.forEach(part -> problems.merge(part, "starting it with Testcontainers failed: " + e, (a, b) -> a + "; " + b));
            return;
        }
        for (Map.Entry<StackPart, String> entry : started.entrySet()) {
            StackPart part = entry.getKey();
            Optional<String> problem = probe.problem(part, entry.getValue());
            if (problem.isPresent()) {
                problems.put(part, "its container at " + entry.getValue() + " does not answer: " + problem.get());
            } else {
                found.put(part, entry.getValue());
                problems.remove(part);
            }
        }
    }

    private static String message(Map<StackPart, String> problems) {
        List<String> lines = new ArrayList<>();
        lines.add("Integration tests need a real Kafka, schema registry, ClickHouse and Redis, and cannot reach:");
        problems.forEach((part, problem) -> lines.add("  - " + part.displayName + ": " + problem));
        lines.add("Start the local stack from the repository root and run the tests again:");
        lines.add("    bin/sluice stack up");
        lines.add("(`bin/sluice stack status` shows what runs; or point "
                + String.join(" / ", List.of(StackPart.KAFKA.envVar, StackPart.REGISTRY.envVar, StackPart.CLICKHOUSE.envVar, StackPart.REDIS.envVar))
                + " at running services, or run where Docker is available so Testcontainers can start them.)");
        return String.join(System.lineSeparator(), lines);
    }

    private static String normalise(String endpoint) {
        String trimmed = endpoint.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
