package dev.sluice.decode;

import org.apache.avro.Schema;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One parsed {@link Schema} per JSON text in this JVM: every task of every micro-batch gets the plan's schemas as
 * text, and parsing them again each time would be per-task work for nothing. Schemas are immutable once parsed; a job
 * holds a handful of them.
 */
final class ParsedSchemas {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ParsedSchemas() {
    }

    static Schema of(String json) {
        return SCHEMAS.computeIfAbsent(json, text -> new Schema.Parser().parse(text));
    }
}
