package dev.sluice.cli;

import dev.sluice.cli.shared.Configs;
import dev.sluice.cli.shared.EnvironmentOption;
import dev.sluice.cli.shared.Output;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.topics.KafkaAdmins;
import dev.sluice.topics.TopicApplier;
import dev.sluice.topics.TopicDrift;
import dev.sluice.topics.TopicReport;
import dev.sluice.topics.TopicSpec;
import dev.sluice.topics.TopicsException;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create or verify each event type's topic as configured for the environment.",
                "Partitions, replication factor, retention.ms and cleanup.policy come from the config after the overlay.",
                "Differences are drift: reported, exit code 1.",
                "An existing topic with fewer partitions than configured is drift, never silently used."})
public final class TopicsApplyCommand implements Callable<Integer> {

    @Mixin
    EnvironmentOption env;

    @Option(names = "--domain", paramLabel = "DOMAIN", description = "Only this domain's topics.")
    String domain;

    @Option(names = "--fix", description = {"Repair drift: add partitions up to the configured count and set differing topic configs.",
            "Adding partitions changes which partition a key maps to: per-key order is kept only within each side of the change."})
    boolean fix;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SluiceConfig config = Configs.load(env);
        List<TopicSpec> specs = new ArrayList<>();
        for (DomainConfig d : config.domains().values()) {
            if (domain == null || domain.equals(d.name())) {
                d.events().values().forEach(e -> specs.add(TopicSpec.of(e)));
            }
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("unknown domain '" + domain + "'; configured domains: " + config.domains().keySet());
        }
        String bootstrap = config.platform().kafka().bootstrapServers();
        if (Output.verbose()) {
            out.println("kafka: " + bootstrap);
        }
        List<TopicReport> reports;
        try (Admin admin = KafkaAdmins.create(config.platform().kafka())) {
            reports = new TopicApplier(admin, bootstrap).apply(specs, fix);
        } catch (TopicsException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
        int failing = 0;
        java.util.Map<String, Integer> byStatus = new java.util.TreeMap<>();
        for (TopicReport r : reports) {
            byStatus.merge(r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), 1, Integer::sum);
            if (Output.verbose()) {
                out.printf("%-28s %-8s %2d partitions  rf %d  %s%n", r.spec().name(), r.status(), r.spec().partitions(), r.spec().replicationFactor(), r.spec().configs());
                r.actions().forEach(a -> out.println("  " + a));
            }
            for (TopicDrift d : r.drifts()) {
                out.println("  " + (d.failing() ? "DRIFT: " : "warning: ") + d.line());
            }
            if (r.failing()) {
                failing++;
            }
        }
        out.println("topics apply: " + reports.size() + " topics at " + bootstrap + ": " + byStatus.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
        dev.sluice.console.Summary.put("topics", byStatus);
        if (failing > 0) {
            out.println("FAILED: " + failing + " topic(s) differ from the config." + (fix ? " The remaining differences cannot be fixed automatically."
                    : " Run again with --fix to repair what can be repaired, or change the config to match."));
            return 1;
        }
        return 0;
    }
}
