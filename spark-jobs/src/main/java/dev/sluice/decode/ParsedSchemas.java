package dev.sluice.decode;

import org.apache.avro.Schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One parsed {@link Schema} per JSON text in this JVM. Avro's {@code GenericDatumReader} caches the resolution of a
 * writer schema against a reader schema by schema identity (per thread), so handing every task the same two instances
 * resolves each pair once per executor thread instead of once per task and micro-batch. Schemas are immutable once
 * parsed; a job holds a handful of them.
 */
final class ParsedSchemas {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ParsedSchemas() {
    }

    static Schema of(String json) {
        return SCHEMAS.computeIfAbsent(json, text -> new Schema.Parser().parse(text));
    }
}
