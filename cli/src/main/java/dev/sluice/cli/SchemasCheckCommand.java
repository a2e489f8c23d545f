package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.CompatibilityResult;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.registry.RegistryException;
import dev.sluice.schema.CompatibilityBreak;
import dev.sluice.schema.CompatibilityChecker;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.SchemaGeneration;
import dev.sluice.schema.VersionedSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check every event's schema versions for compatibility and report each break field by field.",
                "The mode is the event's 'compatibility', else registry.defaultCompatibility; the rules are Avro's own.",
                "A config change not generated yet is checked as the next version. When the registry is reachable it is asked too.",
                "Exit code 1 on any break."})
public final class SchemasCheckCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain.")
    String domain;

    @Option(names = "--offline", description = "Do not ask the schema registry.")
    boolean offline;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig config = Configs.load(env);
        SchemaFiles files = SchemaFiles.inRepository(Configs.home());
        List<SchemaGeneration.Result> pending = new SchemaGeneration(files).plan(config).stream().filter(SchemaGeneration.Result::changed).toList();

        int breaks = 0;
        List<Candidate> candidates = new ArrayList<>();
        for (EventSchemaPlan plan : EventSchemaPlan.all(config, files, domain)) {
            List<VersionedSchema> versions = new ArrayList<>(plan.versions());
            pending.stream().filter(r -> r.domain().equals(plan.domain().name()) && r.event().equals(plan.event().name()))
                    .findFirst().ifPresent(r -> {
                        versions.add(r.version());
                        out.println("note: the config changes " + plan.label() + "; v" + r.version().version()
                                + " is not generated yet and is checked as if it were (run 'bin/sluice schemas generate')");
                    });
            if (versions.isEmpty()) {
                continue;
            }
            List<CompatibilityBreak> found = CompatibilityChecker.check(versions, plan.mode());
            String range = versions.size() == 1 ? "v1" : "v1..v" + versions.get(versions.size() - 1).version();
            out.printf("%-28s %-20s %-8s %s%n", plan.label(), plan.mode(), range,
                    plan.mode() == CompatibilityMode.NONE ? "not checked (NONE)" : found.isEmpty() ? "compatible" : found.size() + " break(s)");
            for (CompatibilityBreak b : found) {
                out.println("  " + b.line());
            }
            breaks += found.size();
            candidates.add(new Candidate(plan, versions.get(versions.size() - 1)));
        }
        RegistryVerdict registry = offline ? new RegistryVerdict(0, false) : askRegistry(out, config, candidates);
        if (breaks > 0 || registry.rejected() > 0) {
            out.println("FAILED: " + breaks + " local break(s), " + registry.rejected() + " schema(s) rejected by the registry."
                    + " Fix the config so the change is compatible (e.g. make new fields optional), or choose another compatibility mode for the event.");
            return 1;
        }
        if (registry.failed()) {
            out.println("FAILED: the schemas are compatible locally, but the registry could not be asked (see the error above).");
            return 1;
        }
        return 0;
    }

    private record Candidate(EventSchemaPlan plan, VersionedSchema latest) {
    }

    /** rejected: schemas the registry refuses; failed: the registry answered with a non-retriable error (bad URL, credentials). */
    private record RegistryVerdict(int rejected, boolean failed) {
    }

    private RegistryVerdict askRegistry(PrintWriter out, SluiceConfig config, List<Candidate> candidates) {
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        int rejected = 0;
        for (Candidate c : candidates) {
            try {
                CompatibilityResult result = registry.testCompatibility(c.plan().subject(), c.latest().schema());
                out.printf("registry: %-40s %s%n", c.plan().subject(), result.compatible() ? "accepts " + c.latest().label() : "REJECTS " + c.latest().label());
                if (!result.compatible()) {
                    rejected++;
                    result.messages().forEach(m -> out.println("  registry says: " + m));
                }
                CompatibilityMode registryMode = registry.getCompatibility(c.plan().subject());
                if (registryMode != c.plan().mode()) {
                    out.println("  note: the registry runs " + c.plan().subject() + " under " + registryMode + ", the config says " + c.plan().mode()
                            + "; 'bin/sluice schemas register' sets it");
                }
            } catch (RegistryException e) {
                if (e.kind() == RegistryException.Kind.RETRIABLE) {
                    out.println("note: schema registry not asked - " + e.getMessage());
                    out.println("note: the local check above still stands.");
                    return new RegistryVerdict(rejected, false);
                }
                out.println("error: " + e.getMessage());
                return new RegistryVerdict(rejected, true);
            }
        }
        return new RegistryVerdict(rejected, false);
    }
}
