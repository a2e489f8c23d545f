package dev.sluice.endtoend;

import dev.sluice.cli.scratch.CliProcess;
import dev.sluice.cli.scratch.ScratchRepository;
import dev.sluice.cli.stack.PrivateStack;
import dev.sluice.config.ConfigLoader;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.GeneratorOptions;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Planted secrets must appear nowhere a person or a tool could read them. Four secrets come from the repository's
 * dotenv file through {@code ${secret:...}}: the ClickHouse password (real: a private ClickHouse requires it), the
 * registry password, a Kafka client password and an Azure key in {@code spark.conf} (a key Spark's default redaction
 * does not catch). Then everything is captured and searched for each secret, plain and base64 (HTTP basic auth):
 * {@code config show}, {@code validate --require-secrets}, two failing commands (a wrong password, an unreachable
 * ClickHouse whose URL carries the password), the job's log, the Spark UI's environment API while the job runs, the
 * Spark event log (what the history server shows), the checkpoints and Sluice's log files.
 */
@ExtendWith(RealStack.class)
class SecretsIT {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void plantedSecretsAppearNowhere(StackEndpoints shared, @TempDir Path dir) throws Exception {
        long started = System.nanoTime();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : List.of("clickhouse_password", "registry_password", "truststore_password", "azure_key", "wrong_password")) {
            secrets.put(name, "Planted" + name.replace("_", "") + HexFormat.of().formatHex(bytes(6)));
        }
        try (PrivateStack stack = PrivateStack.create(HOME, dir.resolve("stack"), new PrintWriter(System.out, true),
                secrets.get("clickhouse_password"))) {
            stack.start(PrivateStack.Service.CLICKHOUSE);
            ClickHouseTestDatabase db = ClickHouseTestDatabase.createOn(stack.clickHouseUrl(), "default", secrets.get("clickhouse_password"),
                    SecretsIT.class);
            Path repo = dir.resolve("repo");
            ScratchRepository repository = ItRepository.create(repo, new StackEndpoints(shared.kafkaBootstrap(), shared.registryUrl(),
                    stack.clickHouseUrl(), shared.redisUrl()), db, new ItRepository.Settings("payments", 500, Duration.ofMillis(500), 1));
            Path eventLog = Files.createDirectories(dir.resolve("eventlog"));
            int uiPort = freePort();
            plantSecrets(repo, secrets, eventLog, uiPort);
            int closedPort = freePort();
            writeFailingEnvironments(repo, closedPort);

            SluiceConfig config = repository.load();
            assertEquals(secrets.get("clickhouse_password"), config.platform().clickhouse().password(), "the dotenv backend must supply it");
            DomainConfig domain = config.domain("payments");
            PipelineSetup.applyTopicsSchemasAndTables(config, repository.home(), domain);
            PipelineSetup.produce(config, repository.home(), domain,
                    GeneratorOptions.defaults(99L, Instant.parse("2026-03-02T10:00:00Z"), 1_000).withEventTimeRate(10, 0), dir.resolve("m.json"));

            Map<String, String> captured = new LinkedHashMap<>();
            captured.put("config show", command(repository, 0, "config", "show", "--env", ItRepository.ENVIRONMENT));
            captured.put("validate --require-secrets", command(repository, 0, "validate", "--env", ItRepository.ENVIRONMENT, "--require-secrets"));
            String wrong = command(repository, -1, "ddl", "apply", "--env", "itwrong");
            assertTrue(wrong.contains("Wrong password") || wrong.contains("193") || wrong.contains("516"), "ClickHouse must have refused: " + wrong);
            captured.put("ddl apply with a wrong password", wrong);
            String unreachable = command(repository, -1, "ddl", "apply", "--env", "itdown");
            assertTrue(unreachable.contains("127.0.0.1:" + closedPort), "the failure must name the server: " + unreachable);
            captured.put("ddl apply against an unreachable server whose URL holds the password", unreachable);
            ServiceFaultsIT.log(started, "commands captured");

            List<String> run = List.of("run", "--env", ItRepository.ENVIRONMENT, "--domain", "payments", "--aggregation", "volume_by_currency_1m");
            ClickHouseState clickHouse = new ClickHouseState(db);
            try (CliProcess job = ChildJob.start(repository, run, repository.logs().resolve("job.log"))) {
                ServiceFaultsIT.await(job, "a committed batch", Duration.ofMinutes(3), () -> clickHouse.committedBatches() >= 1);
                captured.put("Spark UI environment (REST API)", sparkUiEnvironment(uiPort));
                job.kill();
                captured.put("job log", job.output());
            }
            ServiceFaultsIT.log(started, "job ran");
            captured.putAll(filesUnder("event log", eventLog));
            captured.putAll(filesUnder("checkpoint", repository.checkpoints()));
            captured.putAll(filesUnder("log file", repository.logs()));

            List<String> leaks = new ArrayList<>();
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                for (String form : forms(secret.getValue())) {
                    captured.forEach((where, text) -> {
                        if (text.contains(form)) {
                            leaks.add(secret.getKey() + " (as '" + form + "') in " + where + ": ..." + around(text, form) + "...");
                        }
                    });
                }
            }
            System.out.printf("searched %d captures (%,d characters) for %d secrets%n", captured.size(),
                    captured.values().stream().mapToLong(String::length).sum(), secrets.size());
            assertTrue(captured.get("Spark UI environment (REST API)").contains("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net"),
                    "the UI must list the setting (redacted), or the check proves nothing");
            assertTrue(captured.keySet().stream().anyMatch(k -> k.startsWith("event log")), "no event log was written");
            if (!leaks.isEmpty()) {
                fail(leaks.size() + " leaks:\n  " + String.join("\n  ", leaks));
            }
        }
    }

    /** The repository's dotenv file holds the secrets; the config refers to them where real deployments would. */
    private static void plantSecrets(Path repo, Map<String, String> secrets, Path eventLog, int uiPort) throws IOException {
        StringBuilder dotenv = new StringBuilder("# secrets planted by SecretsIT\n");
        secrets.forEach((name, value) -> dotenv.append(name.toUpperCase()).append('=').append(value).append('\n'));
        Files.writeString(repo.resolve(".env"), dotenv);
        replace(repo.resolve(ConfigLoader.PLATFORM_FILE), "  timeout: 10s\n",
                "  timeout: 10s\n  username: sluice\n  password: ${secret:registry_password}\n");
        replace(repo.resolve(ConfigLoader.PLATFORM_FILE), "    client.dns.lookup: use_all_dns_ips\n",
                "    client.dns.lookup: use_all_dns_ips\n    ssl.truststore.password: ${secret:truststore_password}\n");
        replace(repo.resolve(ConfigLoader.PLATFORM_FILE), "    spark.ui.enabled: \"false\"\n", "    spark.ui.enabled: \"false\"\n"
                + "    spark.eventLog.enabled: \"true\"\n    spark.eventLog.dir: \"" + eventLog + "\"\n"
                + "    spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net: ${secret:azure_key}\n");
        replace(repo.resolve("environments").resolve(ItRepository.ENVIRONMENT + ".yaml"), "spark.ui.enabled: \"false\"",
                "spark.ui.enabled: \"true\", spark.ui.port: \"" + uiPort + "\"");
    }

    /** {@code itwrong}: ClickHouse with another secret as password; {@code itdown}: nobody listens, the URL carries the password. */
    private static void writeFailingEnvironments(Path repo, int closedPort) throws IOException {
        Path environments = repo.resolve("environments");
        String it = Files.readString(environments.resolve(ItRepository.ENVIRONMENT + ".yaml"));
        Files.writeString(environments.resolve("itwrong.yaml"), it.replace("  clickhouse: { url:",
                "  clickhouse: { password: \"${secret:wrong_password}\", url:"));
        Files.writeString(environments.resolve("itdown.yaml"), it.replaceAll("  clickhouse: \\{ url: \"[^\"]*\"",
                "  clickhouse: { url: \"http://default:\\${secret:clickhouse_password}@127.0.0.1:" + closedPort + "\""));
    }

    private static void replace(Path file, String what, String with) throws IOException {
        String text = Files.readString(file);
        if (!text.contains(what)) {
            throw new IllegalStateException(file + " no longer contains '" + what + "'; adapt the test");
        }
        Files.writeString(file, text.replace(what, with));
    }

    /** Runs a CLI command in its own JVM; {@code exit} -1 means "must fail". Returns its output. */
    private static String command(ScratchRepository repository, int exit, String... arguments) {
        Path log = repository.logs().resolve(String.join("-", arguments).replaceAll("[^A-Za-z0-9-]", "") + ".out");
        try (CliProcess child = ChildJob.start(repository, List.of(arguments), log)) {
            int code = child.awaitExit(Duration.ofMinutes(2));
            String output = child.tail(100_000);
            if (exit >= 0) {
                assertEquals(exit, code, String.join(" ", arguments) + " exited " + code + ":\n" + output);
            } else {
                assertNotEquals(0, code, String.join(" ", arguments) + " should have failed:\n" + output);
            }
            return output;
        }
    }

    /** The environment page's data, as the UI's REST API serves it. */
    private static String sparkUiEnvironment(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port + "/api/v1/applications";
        String applications = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(applications);
        assertTrue(id.find(), "the Spark UI lists no application: " + applications);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/" + id.group(1) + "/environment")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, String> filesUnder(String what, Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(what + " " + dir.relativize(file), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    /** The secret as it could appear: plain, base64, and base64 of user:secret (HTTP basic auth). */
    private static List<String> forms(String secret) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> forms = new ArrayList<>(List.of(secret, base64.encodeToString(secret.getBytes(StandardCharsets.UTF_8))));
        for (String user : List.of("sluice:", "default:")) {
            String encoded = base64.encodeToString((user + secret).getBytes(StandardCharsets.UTF_8));
            forms.add(encoded.replace("=", ""));
        }
        forms.replaceAll(f -> f.replace("=", ""));
        return forms;
    }

    private static String around(String text, String form) {
        int at = text.indexOf(form);
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + form.length() + 40)).replace('\n', ' ');
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
