package dev.sluice.generate.kafka;

import dev.sluice.config.DomainConfig;
import dev.sluice.config.KafkaConfig;
import dev.sluice.topics.KafkaAdmins;
import dev.sluice.topics.TopicApplier;
import dev.sluice.topics.TopicReport;
import dev.sluice.topics.TopicSpec;
import org.apache.kafka.clients.admin.Admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure the domain's topics exist before producing: with {@code create} missing ones are created as configured
 * (via the same {@link TopicApplier} as {@code bin/sluice topics apply}); otherwise a missing topic is an error that
 * names the command creating it. Producing to a missing topic would otherwise block for max.block.ms and then fail
 * with a bare timeout.
 */
public final class Topics {

    private Topics() {
    }

    /** @return lines describing what was found or created */
    public static List<String> ensure(KafkaConfig kafka, DomainConfig domain, boolean create) {
        List<String> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (Admin admin = KafkaAdmins.create(kafka)) {
            TopicApplier applier = new TopicApplier(admin, kafka.bootstrapServers());
            for (var event : domain.events().values()) {
                TopicSpec spec = TopicSpec.of(event);
                var observed = applier.observe(spec.name());
                if (observed.isPresent()) {
                    if (observed.get().partitions() != spec.partitions()) {
                        lines.add("warning: topic " + spec.name() + " has " + observed.get().partitions() + " partitions, the config says "
                                + spec.partitions() + " (producing to the " + observed.get().partitions() + " it has; see 'bin/sluice topics apply')");
                    }
                    continue;
                }
                if (!create) {
                    missing.add(spec.name());
                    continue;
                }
                TopicReport report = applier.apply(List.of(spec), false).get(0);
                lines.add("topic " + spec.name() + ": " + String.join("; ", report.actions()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("bad config: topics " + missing + " do not exist on " + kafka.bootstrapServers()
                    + "; create them with 'bin/sluice topics apply --domain " + domain.name() + "' or pass --create-topics");
        }
        return lines;
    }
}
