package dev.sluice.schema;

import dev.sluice.registry.SchemaRegistryClient;
import dev.sluice.registry.SchemaVersion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registers an event's committed versions under its subject, oldest first, and sets the subject's compatibility mode.
 * Idempotent on every registry: a version already under the subject is looked up rather than posted again (some
 * registries would otherwise append a duplicate version when an older schema is re-posted).
 */
public final class SchemaRegistration {

    /** One version and the global id the registry gave it. */
    public record Registered(VersionedSchema version, int id, boolean newlyRegistered) {
    }

    private final SchemaRegistryClient registry;

    public SchemaRegistration(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    public List<Registered> register(EventSchemaPlan plan) {
        List<Registered> registered = new ArrayList<>();
        boolean modeSet = false;
        for (VersionedSchema version : plan.versions()) {
            Optional<SchemaVersion> existing = registry.lookup(plan.subject(), version.schema());
            if (existing.isPresent()) {
                registered.add(new Registered(version, existing.get().id(), false));
            } else {
                registered.add(new Registered(version, registry.register(plan.subject(), version.schema()), true));
            }
            if (!modeSet) {
                // After the first version: some registries (Apicurio) only accept a subject-level mode once the subject exists,
                // and the later versions must be checked under the event's mode, not the registry's global one.
                setMode(plan);
                modeSet = true;
            }
        }
        return registered;
    }

    /** Always set on the subject (not inherited from the global level), so a later global change cannot loosen it. */
    private void setMode(EventSchemaPlan plan) {
        registry.setCompatibility(plan.subject(), plan.mode());
    }
}
