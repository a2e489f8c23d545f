package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.shared.Output;
import dev.sluice.console.Summary;

import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.registry.RegistryException;
import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.schema.EventSchemaPlan;
import dev.sluice.schema.SchemaFiles;
import dev.sluice.schema.SchemaRegistration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Register every committed schema version, oldest first, and set each subject's compatibility mode.",
                "Idempotent: versions already registered keep their ids."})
public final class SchemasRegisterCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain.")
    String domain;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig config = Configs.load(env);
        SchemaFiles files = SchemaFiles.inRepository(Configs.home());
        SchemaRegistryClient registry = new HttpSchemaRegistryClient(config.platform().registry());
        List<EventSchemaPlan> plans = EventSchemaPlan.all(config, files, domain);
        String url = ((HttpSchemaRegistryClient) registry).url();
        if (Output.verbose()) {
            out.println("registry: " + url);
        }
        int registered = 0;
        int already = 0;
        try {
            for (EventSchemaPlan plan : plans) {
                if (plan.versions().isEmpty()) {
                    out.println("warning: " + plan.label() + " has no committed schema; run 'bin/sluice schemas generate' first");
                    continue;
                }
                for (SchemaRegistration.Registered r : new SchemaRegistration(registry).register(plan)) {
                    if (Output.verbose()) {
                        out.printf("%-44s v%-3d id %-6d %s%n", plan.subject(), r.version().version(), r.id(),
                                r.newlyRegistered() ? "registered" : "already registered");
                    }
                    if (r.newlyRegistered()) {
                        registered++;
                    } else {
                        already++;
                    }
                }
                if (Output.verbose()) {
                    out.printf("%-44s compatibility %s%n", plan.subject(), plan.mode());
                }
            }
            out.printf("schemas register: %d subjects at %s: %d versions registered now, %d already there%n", plans.size(), url,
                    registered, already);
            Summary.put("subjects", plans.size());
            Summary.put("registered", registered);
            Summary.put("already_registered", already);
        } catch (RegistryException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
