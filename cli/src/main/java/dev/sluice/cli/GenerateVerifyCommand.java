package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.SluiceConfig;
import dev.sluice.generate.kafka.ManifestVerifier;
import dev.sluice.generate.run.Manifest;
import dev.sluice.registry.HttpSchemaRegistryClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Read back what a generate run wrote (the offsets in its manifest) with a plain consumer and check it:",
                "SHA-256 of every partition's keys and values equals the run's, every valid message decodes through the registry",
                "and is keyed by its key field, each key lives in one partition, and malformed ones fail for their kind's reason."})
public final class GenerateVerifyCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--manifest", paramLabel = "FILE", required = true, description = "Manifest written by 'generate --manifest'.")
    Path manifest;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "120s", description = "Give up reading a partition after D. Default 120s.")
    String timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig config = Configs.load(env);
        Manifest m = Manifest.read(manifest);
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        Duration limit = GenerateCommand.parseDuration("--timeout", timeout);
        List<ManifestVerifier.TopicCheck> checks = ManifestVerifier.verify(m, config.domain(m.domain()), config.platform().kafka(), registry, limit);
        boolean ok = true;
        for (ManifestVerifier.TopicCheck check : checks) {
            out.printf("%-28s %s  read %,d  decoded %,d  malformed %s%n    sha256 %s%n", check.topic(), check.ok() ? "OK  " : "FAIL",
                    check.messages(), check.decoded(), check.malformedByKind(), check.sha256());
            check.problems().forEach(p -> out.println("    problem: " + p));
            ok &= check.ok();
        }
        out.println(ok ? "verified: Kafka holds exactly what the run reports" : "verification FAILED");
        return ok ? 0 : 1;
    }
}
