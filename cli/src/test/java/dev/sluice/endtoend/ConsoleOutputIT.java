package dev.sluice.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What a person sees, per command family, with the output captured as CI captures it (not a terminal: plain progress
 * lines): the lines a user relies on are there, the known noise is not (it is in the log file instead), and --json
 * leaves exactly one JSON object on stdout.
 */
@ExtendWith(RealStack.class)
class ConsoleOutputIT {

    private static final String DOMAIN = "payments";
    private static final String AGGREGATION = "volume_by_currency_1m";
    private static final String ENV = ItRepository.ENVIRONMENT;

    @Test
    void setupGenerateRunReplayAndStatusSayWhatAPersonNeedsAndNothingElse(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path dir) {
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 1000, Duration.ofMillis(500), 2));
        List<String> problems = new ArrayList<>();

        // Setup commands: one closing line each under --quiet; every DDL statement once by default.
        expect(problems, run(repository, "topics.log", "topics", "apply", "--env", ENV, "--domain", DOMAIN, "--quiet"),
                "topics apply: 3 topics at " + stack.kafkaBootstrap() + ": 3 created", "sluice topics apply: done in");
        expect(problems, run(repository, "schemas.log", "schemas", "register", "--env", ENV, "--domain", DOMAIN, "--quiet"), "schemas register: ",
                "versions registered now");
        String ddl = run(repository, "ddl.log", "ddl", "apply", "--env", ENV);
        // The test database comes with its tables, so this says it is up to date (each DDL statement once is checked below).
        expect(problems, ddl, "ddl apply: database " + db.name() + " (single server) at ", "sluice ddl apply: done in");

        // generate: what it did and where the manifest is.
        String generate = run(repository, "generate.log", "generate", "--env", ENV, "--domain", DOMAIN, "--events", "3000", "--seed", "17",
                "--late-fraction", "0.01", "--malformed-fraction", "0.01", "--manifest", dir.resolve("manifest.json").toString());
        expect(problems, generate, "generate payments: seed 17", "done: 3,000 valid events in", "manifest: ", "sluice generate: done in");

        // run: a start line, a closing line per query with its dead letters, the full detail only in the log file.
        String job = run(repository, "run.log", "run", "--env", ENV, "--domain", DOMAIN, "--aggregation", AGGREGATION, "--until-idle");
        expect(problems, job, "stream payments: 1 query (" + AGGREGATION + "); metrics at http://127.0.0.1:",
                "payments." + AGGREGATION + ": stopped, ", " dead letters (", "sluice run: done in");
        Path runLog = repository.logs().resolve("sluice-run.log");
        String detail = read(runLog);
        for (String inTheFile : List.of("progress: query=payments." + AGGREGATION + " batch=0", "BatchWriter: query=payments." + AGGREGATION)) {
            if (!detail.contains(inTheFile)) {
                problems.add("the log file " + runLog + " lacks '" + inTheFile + "'");
            }
        }

        // replay: the table of what was replaced and a closing line.
        String replay = run(repository, "replay.log", "replay", "--env", ENV, "--domain", DOMAIN, "--aggregation", AGGREGATION);
        expect(problems, replay, "reading ", "replayed:", AGGREGATION, "rows written", "sluice replay: done in");

        // --json: stdout is one JSON object (people's lines went to stderr, before it).
        String json = run(repository, "status.log", "status", "--env", ENV, "--domain", DOMAIN, "--json");
        JsonNode summary = lastJsonObject(json, problems);
        if (summary != null) {
            assertEquals("status", summary.path("command").asText(), json);
            assertEquals(0, summary.path("exit").asInt(), json);
        }
        String generateJson = run(repository, "generate-json.log", "generate", "--env", ENV, "--domain", DOMAIN, "--events", "500",
                "--seed", "18", "--json");
        JsonNode generated = lastJsonObject(generateJson, problems);
        if (generated != null) {
            assertEquals(500, generated.path("valid_events").asLong(), generateJson);
            assertTrue(!generateJson.contains("sluice generate: done in"), "no closing line besides the JSON: " + generateJson);
        }

        for (String output : List.of(ddl, generate, job, replay, json, generateJson)) {
            ConsoleNoise.in(output).forEach(line -> problems.add("noise on the console: " + line));
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void theDemoSaysEachStepInAFewLinesThenItsReport(StackEndpoints stack, ClickHouseTestDatabase db, @TempDir Path dir) {
        ScratchRepository repository = ItRepository.create(dir, stack, db, new ItRepository.Settings(DOMAIN, 2000, Duration.ofMillis(500), 2));
        String demo = run(repository, "demo.log", "demo", "--no-stack", "--env", ENV, "--domain", DOMAIN, "--events", "3000", "--seed", "5");
        List<String> problems = new ArrayList<>();
        expect(problems, demo, "[1/6] register Avro schemas", "schemas register: ", "[3/6] create ClickHouse tables and views",
                "ddl apply: ", "[4/6] generate 3000 payments events", "done: 3,000 valid events", "[5/6] stream payments until the topics are drained",
                "stream payments: 5 queries", "payments.merchant_fraud_5m: stopped, ", "[6/6] report", "== where every payments event went",
                "demo finished in", "sluice demo: done in");
        ConsoleNoise.in(demo).forEach(line -> problems.add("noise on the console: " + line));
        List<String> lines = demo.lines().toList();
        int report = lines.indexOf("[6/6] report");
        if (report > 40) {
            problems.add("the demo took " + report + " lines to reach its report (the shipped demo with two domains has a budget of ~60):\n"
                    + String.join("\n", lines.subList(0, report)));
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n  " + String.join("\n  ", problems));
        }
    }

    /** Runs {@code bin/sluice arguments} to the end; its stdout and stderr together, as a CI log holds them. */
    static String run(ScratchRepository repository, String log, String... arguments) {
        try (CliProcess process = CliProcess.start(repository, List.of(arguments), repository.logs().resolve(log),
                new CliProcess.Launch(List.of("-XX:TieredStopAtLevel=1"), false))) {
            int exit = process.awaitExit(Duration.ofMinutes(6));
            String output = process.output();
            if (exit != 0) {
                fail("`sluice " + String.join(" ", arguments) + "` failed (exit " + exit + "):\n" + output);
            }
            return output;
        }
    }

    private static void expect(List<String> problems, String output, String... expected) {
        for (String line : expected) {
            if (!output.contains(line)) {
                problems.add("expected '" + line + "' in:\n" + output);
            }
        }
    }

    /** The JSON object that ends the output: from the last line that is just "{" to the end. */
    private static JsonNode lastJsonObject(String output, List<String> problems) {
        int start = output.lastIndexOf("\n{\n");
        start = start < 0 && output.startsWith("{\n") ? 0 : start + 1;
        if (start <= 0 && !output.startsWith("{")) {
            problems.add("no JSON object at the end of:\n" + output);
            return null;
        }
        try {
            return new ObjectMapper().readTree(output.substring(start));
        } catch (java.io.IOException e) {
            problems.add("the end of the output is not one JSON object (" + e.getMessage() + "):\n" + output);
            return null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
