package dev.sluice.registry;

import dev.sluice.config.CompatibilityMode;
import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;

/**
 * The part of the Confluent Schema Registry REST API that Confluent, Apicurio (ccompat), Karapace and Redpanda
 * all implement. Every method throws {@link RegistryException}; see its kind for what to do.
 */
public interface SchemaRegistryClient extends SchemaLookup {

    /** Registers the schema under the subject (or finds it if already there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id; cached, ids never change meaning. Throws NOT_FOUND for an unknown id. */
    Schema getById(int id);

    /** The id of a schema already registered under the subject; throws NOT_FOUND when it is not. Cached. */
    int idFor(String subject, Schema schema);

    /** Like {@link #idFor} but empty when the subject or the schema is not registered. */
    Optional<SchemaVersion> lookup(String subject, Schema schema);

    /** Version numbers of the subject, ascending; empty when the subject does not exist. */
    List<Integer> versions(String subject);

    SchemaVersion getVersion(String subject, int version);

    SchemaVersion latest(String subject);

    List<String> subjects();

    void setCompatibility(String subject, CompatibilityMode mode);

    /** The subject's effective compatibility mode: its own, else the registry's global one. */
    CompatibilityMode getCompatibility(String subject);

    /** Would the schema be accepted as the subject's next version? A subject without versions accepts anything. */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** Deletes the subject and all its versions (soft, then hard where supported). Meant for tests and demos. */
    void deleteSubject(String subject);

    /** Unknown ids are empty; outages and bad config are thrown, so that good messages are not dead-lettered. */
    @Override
    default Optional<Schema> schemaById(int schemaId) {
        try {
            return Optional.of(getById(schemaId));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
