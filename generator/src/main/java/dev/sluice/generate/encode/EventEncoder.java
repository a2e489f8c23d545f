package dev.sluice.generate.encode;

import dev.sluice.generate.GeneratedEvent;
import dev.sluice.generate.MalformedKind;
import dev.sluice.generate.MalformedRecordFactory;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns generated events into Kafka message bytes: key = the key field's UTF-8, value = Confluent framing (magic byte,
 * schema id) + Avro binary. When an event type has several schema versions, each event's writer version is drawn:
 * the latest with probability {@code 1 - oldSchemaFraction}, otherwise one of the older ones uniformly; a value an
 * older version cannot hold (a symbol added later) is written with the latest instead.
 *
 * <p>Not thread-safe: one encoder per producing thread. It reuses one buffer; each call allocates only the returned
 * arrays. The version choice has its own seeded random source, so seeded runs are byte-identical.
 */
public final class EventEncoder {

    /** The message for one event. The holder is reused by the next call. */
    public static final class Encoded {
        private byte[] key;
        private byte[] value;
        private WriterSchemas.Version version;
        private int schemaId;

        public byte[] key() {
            return key;
        }

        public byte[] value() {
            return value;
        }

        /** Writer version of a valid message; for malformed ones the version the payload was derived from. */
        public WriterSchemas.Version version() {
            return version;
        }

        /** The schema id in the header (the unknown one for UNKNOWN_SCHEMA_ID records, 0 for BAD_MAGIC). */
        public int schemaId() {
            return schemaId;
        }
    }

    private final WriterSchemas.Version[][] versions;
    private final int[][] ids;
    private final double oldSchemaFraction;
    private final int unknownSchemaId;
    private final SplittableRandom random;
    private final AvroBinaryWriter out = new AvroBinaryWriter();
    private final Encoded encoded = new Encoded();

    public EventEncoder(WriterSchemas schemas, SchemaIds schemaIds, long seed, double oldSchemaFraction, int unknownSchemaId) {
        List<List<WriterSchemas.Version>> all = List.copyOf(schemas.all().values());
        this.versions = new WriterSchemas.Version[all.size()][];
        this.ids = new int[all.size()][];
        for (List<WriterSchemas.Version> eventVersions : all) {
            int index = eventVersions.get(0).event().index();
            versions[index] = eventVersions.toArray(new WriterSchemas.Version[0]);
            ids[index] = new int[eventVersions.size()];
            for (int v = 0; v < eventVersions.size(); v++) {
                ids[index][v] = schemaIds.idOf(eventVersions.get(v));
            }
        }
        this.oldSchemaFraction = oldSchemaFraction;
        this.unknownSchemaId = unknownSchemaId;
        this.random = new SplittableRandom(seed * 0x9e3779b97f4a7c15L + 0x632be59bd9b4e019L);
    }

    public Encoded encode(GeneratedEvent event) {
        int type = event.plan().index();
        WriterSchemas.Version[] eventVersions = versions[type];
        int latest = eventVersions.length - 1;
        MalformedKind malformed = event.malformed();
        // Malformed records never draw a version, so adding them leaves the valid messages' bytes unchanged.
        int chosen = latest;
        if (malformed == null && latest > 0 && random.nextDouble() < oldSchemaFraction) {
            chosen = latest == 1 ? 0 : random.nextInt(latest);
        }
        out.reset();
        out.writeHeader(ids[type][chosen]);
        if (!eventVersions[chosen].writer().write(event, out)) {
            chosen = latest;
            out.reset();
            out.writeHeader(ids[type][chosen]);
            if (!eventVersions[chosen].writer().write(event, out)) {
                throw new IllegalStateException("bug: " + event.eventType() + " value does not fit its latest schema "
                        + eventVersions[chosen].schema().label() + ": " + event);
            }
        }
        String key = event.key();
        encoded.key = key == null ? null : AvroBinaryWriter.utf8(key);
        encoded.version = eventVersions[chosen];
        if (malformed == null) {
            encoded.value = out.toByteArray();
            encoded.schemaId = ids[type][chosen];
        } else {
            encoded.value = MalformedRecordFactory.bytes(malformed, event, out.toByteArray(), unknownSchemaId);
            encoded.schemaId = switch (malformed) {
                case BAD_MAGIC -> 0;
                case UNKNOWN_SCHEMA_ID -> unknownSchemaId;
                case TRUNCATED_AVRO -> ids[type][chosen];
            };
        }
        return encoded;
    }
}
