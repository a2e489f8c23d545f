package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.config.SluiceConfig;
import dev.sluice.schema.CompatibilityBreak;
import dev.sluice.schema.CompatibilityChecker;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.SchemaGeneration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a new schema version for every event whose config changed its schema.",
                "The file is schemas/<domain>/<event>.v<N+1>.avsc, written when the generated schema differs from the latest committed version.",
                "Existing versions are never rewritten. Doc-only changes do not make a version (docs are not part of a version's identity).",
                "Commit the new files, then run 'schemas check' and 'schemas register'."})
public final class SchemasGenerateCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--dry-run", description = "Show what would be written without writing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path home = Configs.home();
        SluiceConfig config = Configs.load(env);
        SchemaFiles files = SchemaFiles.inRepository(home);
        SchemaGeneration generation = new SchemaGeneration(files);
        List<SchemaGeneration.Result> results = dryRun ? generation.plan(config) : generation.generate(config);
        int written = 0;
        for (SchemaGeneration.Result r : results) {
            String file = home.relativize(r.version().file()).toString();
            String what = switch (r.outcome()) {
                case FIRST_VERSION, NEW_VERSION -> (dryRun ? "would write " : "wrote ") + file;
                case UNCHANGED -> "unchanged (" + file + ")";
                case DOCS_ONLY -> "docs differ from " + file + " - no new version (docs are not part of a version)";
            };
            out.printf("%-28s v%-3d %s%n", r.domain() + "/" + r.event(), r.version().version(), what);
            if (r.changed()) {
                written++;
            }
        }
        for (String orphan : generation.orphans(config)) {
            out.println("note: schemas/" + orphan + ".v*.avsc belong to an event that is no longer configured; kept (its data may still be in Kafka)");
        }
        if (!dryRun && written > 0) {
            warnAboutBreaks(out, config, files);
            out.println(written + " new version(s) written; commit them, then run 'bin/sluice schemas register'");
        }
        return 0;
    }

    /** A breaking version is written anyway (the file is the proposal), but its author should hear about it now. */
    private static void warnAboutBreaks(PrintWriter out, SluiceConfig config, SchemaFiles files) {
        for (EventSchemaPlan plan : EventSchemaPlan.all(config, files, null)) {
            for (CompatibilityBreak b : CompatibilityChecker.check(plan.versions(), plan.mode())) {
                out.println("warning: " + b.line());
            }
        }
    }
}
