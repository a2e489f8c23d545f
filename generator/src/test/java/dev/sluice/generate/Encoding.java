package dev.sluice.generate;

import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Encodes streams without Kafka, with local schema ids, for byte-level tests. */
final class Encoding {

    private Encoding() {
    }

    static WriterSchemas schemas(GeneratorPlan plan) {
        return WriterSchemas.load(plan, Domains.REPO.resolve("schemas"));
    }

    static WriterSchemas schemas(GeneratorPlan plan, Path root) {
        return WriterSchemas.load(plan, root);
    }

    static EventEncoder encoder(WriterSchemas schemas, GeneratorOptions options) {
        return new EventEncoder(schemas, SchemaIds.local(schemas), options.seed(), options.oldSchemaFraction(),
                MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID);
    }

    /** SHA-256 of every key and value, per topic, in production order. */
    static Map<String, String> digests(Iterator<GeneratedEvent> events, EventEncoder encoder) {
        Map<String, MessageDigest> digests = new TreeMap<>();
        while (events.hasNext()) {
            GeneratedEvent event = events.next();
            EventEncoder.Encoded encoded = encoder.encode(event);
            MessageDigest digest = digests.computeIfAbsent(event.topic(), t -> sha256());
            digest.update(encoded.key());
            digest.update(encoded.value());
        }
        Map<String, String> hex = new TreeMap<>();
        digests.forEach((topic, d) -> hex.put(topic, HexFormat.of().formatHex(d.digest())));
        return hex;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
