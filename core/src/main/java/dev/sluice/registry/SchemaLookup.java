package dev.sluice.registry;

import org.apache.avro.Schema;

import java.util.Optional;

/**
 * Finds the writer schema of a schema id. Empty means "the registry does not know this id" (bad data, the
 * message goes to the dead letters). Registry outages must be thrown (as retriable errors), not returned as empty,
 * or a short outage would dead-letter good messages.
 */
@FunctionalInterface
public interface SchemaLookup {
    Optional<Schema> schemaById(int schemaId);
}
