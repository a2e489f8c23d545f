package dev.sluice.schema;

import dev.sluice.config.CompatibilityMode;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.EventTypeConfig;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.SubjectNames;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the schema commands need about one event: its committed versions, its registry subject and the
 * compatibility mode that subject runs under (the event's own, else registry.defaultCompatibility).
 */
public record EventSchemaPlan(DomainConfig domain, EventTypeConfig event, String subject, CompatibilityMode mode,
                              List<VersionedSchema> versions) {

    public String label() {
        return domain.name() + "/" + event.name();
    }

    public static List<EventSchemaPlan> all(SluiceConfig config, SchemaFiles files, String onlyDomain) {
        List<EventSchemaPlan> plans = new ArrayList<>();
        for (DomainConfig domain : config.domains().values()) {
            if (onlyDomain != null && !onlyDomain.equals(domain.name())) {
                continue;
            }
            for (EventTypeConfig event : domain.events().values()) {
                List<VersionedSchema> versions = files.versions(domain.name(), event.name());
                String recordName = domain.avroNamespace() + "." + Names.pascalCase(event.name());
                String subject = SubjectNames.valueSubject(config.platform().registry().subjectNameStrategy(), event.topic(), recordName);
                CompatibilityMode mode = event.compatibility() != null ? event.compatibility() : config.platform().registry().defaultCompatibility();
                plans.add(new EventSchemaPlan(domain, event, subject, mode, versions));
            }
        }
        if (onlyDomain != null && plans.isEmpty()) {
            throw new IllegalArgumentException("unknown domain '" + onlyDomain + "'; configured domains: " + config.domains().keySet());
        }
        return plans;
    }
}
