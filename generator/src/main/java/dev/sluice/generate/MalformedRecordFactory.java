package dev.sluice.generate;

import dev.sluice.schema.ConfluentWireFormat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the malformed records that come in addition to the valid events: after valid event {@code n} there is a
 * malformed one whenever {@code floor(fraction * n)} grows, so exactly {@code floor(fraction * N)} are made for N
 * valid events, evenly spread, cycling through the kinds so they are evenly mixed.
 *
 * <p>The bytes are built from the valid encoding of the event they follow; each kind fails decoding for exactly the
 * reason its name says (see {@link MalformedKind}).
 */
public final class MalformedRecordFactory {

    /**
     * Schema id of UNKNOWN_SCHEMA_ID records. Registries hand out ids counting up from 1 (Confluent) or small
     * sequences (Apicurio), so this one is never assigned in practice; runs against a registry check it is unknown.
     */
    public static final int DEFAULT_UNKNOWN_SCHEMA_ID = Integer.MAX_VALUE - 7;

    private static final MalformedKind[] KINDS = MalformedKind.values();

    private final double fraction;
    private long made;

    public MalformedRecordFactory(double fraction) {
        this.fraction = fraction;
    }

    /** The kind of malformed record to emit after the {@code validSoFar}-th valid event, or null for none. */
    MalformedKind after(long validSoFar) {
        if (fraction <= 0) {
            return null;
        }
        long due = (long) Math.floor(fraction * validSoFar);
        if (made >= due) {
            return null;
        }
        return KINDS[(int) (made++ % KINDS.length)];
    }

    /**
     * The bytes of a malformed record.
     *
     * @param validMessage    the Confluent-framed valid encoding of the event it derives from
     * @param unknownSchemaId an id the registry does not know
     */
    public static byte[] bytes(MalformedKind kind, GeneratedEvent event, byte[] validMessage, int unknownSchemaId) {
        return switch (kind) {
            case BAD_MAGIC -> json(event);
            case TRUNCATED_AVRO -> {
                int payload = validMessage.length - ConfluentWireFormat.HEADER_LENGTH;
                // Keep the header and half the payload (at least one byte is always missing).
                yield Arrays.copyOf(validMessage, ConfluentWireFormat.HEADER_LENGTH + payload / 2);
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] copy = validMessage.clone();
                copy[1] = (byte) (unknownSchemaId >>> 24);
                copy[2] = (byte) (unknownSchemaId >>> 16);
                copy[3] = (byte) (unknownSchemaId >>> 8);
                copy[4] = (byte) unknownSchemaId;
                yield copy;
            }
        };
    }

    /** The event as a JSON object, as a producer using a JSON serializer by mistake would have written it. */
    private static byte[] json(GeneratedEvent event) {
        StringBuilder out = new StringBuilder(256).append('{');
        boolean first = true;
        for (var entry : event.asMap().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(entry.getKey()).append("\":");
            Object value = entry.getValue();
            if (value == null || value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                out.append('"');
                String text = value.toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
                out.append('"');
            }
        }
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
