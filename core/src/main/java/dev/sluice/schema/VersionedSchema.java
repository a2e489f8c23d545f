package dev.sluice.schema;

import org.apache.avro.Schema;

import java.nio.file.Path;

/** One committed version of an event's schema: {@code schemas/<domain>/<event>.v<version>.avsc}. */
public record VersionedSchema(String domain, String event, int version, Schema schema, Path file) {

    /** {@code payments/transaction v2}, the way reports name a version. */
    public String label() {
        return domain + "/" + event + " v" + version;
    }
}
