package dev.sluice.schema;

import dev.sluice.config.DomainConfig;
import dev.sluice.registry.SchemaLookup;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfluentWireFormatTest {

    private final DomainConfig payments = TestEvents.domain("payments", TestEvents.transaction());
    private final Schema schema = EventSchemas.schemaFor(payments, payments.event("transaction"));
    private final ConfluentWireFormat wire = new ConfluentWireFormat();
    private final SchemaLookup lookup = id -> id == 7 ? Optional.of(schema) : Optional.empty();

    private GenericRecord record(String cardId) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("event_id", "e-1");
        r.put("event_time", 1_700_000_000_000L);
        r.put("card_id", cardId);
        r.put("device_id", null);
        r.put("amount", 1234L);
        r.put("fee", 5L);
        r.put("installments", 1);
        r.put("dwell_ms", 99L);
        r.put("risk_score", 0.25);
        r.put("is_fraud", false);
        r.put("settled_at", 1_700_000_000_500L);
        r.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "declined"));
        return r;
    }

    @Test
    void roundTripKeepsEveryFieldAndWritesTheConfluentHeader() {
        byte[] bytes = wire.encode(7, record("card_1"));
        assertArrayEquals(new byte[]{0, 0, 0, 0, 7}, Arrays.copyOf(bytes, 5));
        assertEquals(new ConfluentWireFormat.Framed(7, 5, bytes.length - 5), ConfluentWireFormat.decodeHeader(bytes));
        GenericRecord decoded = wire.decode(bytes, lookup, schema);
        assertEquals(record("card_1"), decoded);
        assertNull(decoded.get("device_id"));
    }

    @Test
    void largeSchemaIdsUseAllFourBytesBigEndian() {
        byte[] bytes = wire.encode(0x01020304, record("c"));
        assertArrayEquals(new byte[]{0, 1, 2, 3, 4}, Arrays.copyOf(bytes, 5));
        assertEquals(0x01020304, ConfluentWireFormat.decodeHeader(bytes).schemaId());
    }

    @Test
    void bufferReuseDoesNotLeakBytesBetweenMessages() {
        byte[] longer = wire.encode(7, record("a-much-longer-card-id-than-the-next-one"));
        byte[] shorter = wire.encode(7, record("c"));
        assertTrue(shorter.length < longer.length);
        assertEquals("c", wire.decode(shorter, lookup, schema).get("card_id").toString());
    }

    @Test
    void resolvesToAnEvolvedReaderSchema() {
        Schema v1 = SchemaBuilder.record("R").namespace("n").fields().requiredString("a").endRecord();
        Schema v2 = SchemaBuilder.record("R").namespace("n").fields().requiredString("a").optionalString("b").endRecord();
        GenericRecord old = new GenericData.Record(v1);
        old.put("a", "x");
        byte[] bytes = wire.encode(1, old);
        GenericRecord read = wire.decode(bytes, id -> Optional.of(v1), v2);
        assertEquals("x", read.get("a").toString());
        assertNull(read.get("b"));
    }

    @Test
    void wrongMagicByteShowsTheByte() {
        byte[] json = "{\"card_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        WireFormatException e = assertThrows(WireFormatException.class, () -> wire.decode(json, lookup, schema));
        assertEquals(WireFormatException.Reason.BAD_MAGIC_BYTE, e.reason());
        assertTrue(e.getMessage().contains("0x7b"), e.getMessage());
        assertTrue(e.getMessage().contains("JSON"), e.getMessage());
    }

    @Test
    void truncatedHeaderShowsTheLength() {
        WireFormatException e = assertThrows(WireFormatException.class, () -> ConfluentWireFormat.decodeHeader(new byte[]{0, 0, 1}));
        assertEquals(WireFormatException.Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains("3 bytes"), e.getMessage());
        assertEquals(WireFormatException.Reason.TRUNCATED,
                assertThrows(WireFormatException.class, () -> ConfluentWireFormat.decodeHeader(null)).reason());
    }

    @Test
    void truncatedPayloadIsTruncated() {
        byte[] bytes = wire.encode(7, record("card_1"));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);
        WireFormatException e = assertThrows(WireFormatException.class, () -> wire.decode(cut, lookup, schema));
        assertEquals(WireFormatException.Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains((cut.length - 5) + " bytes"), e.getMessage());
    }

    @Test
    void unknownSchemaIdIsReportedWithTheId() {
        byte[] bytes = wire.encode(8, record("card_1"));
        WireFormatException e = assertThrows(WireFormatException.class, () -> wire.decode(bytes, lookup, schema));
        assertEquals(WireFormatException.Reason.UNKNOWN_SCHEMA_ID, e.reason());
        assertTrue(e.getMessage().contains("schema id 8"), e.getMessage());
    }

    @Test
    void bytesOfAnotherSchemaAreUndecodable() {
        Schema other = SchemaBuilder.record("O").fields().requiredInt("n").endRecord();
        GenericRecord r = new GenericData.Record(other);
        r.put("n", 1);
        byte[] bytes = wire.encode(7, r);   // header claims id 7 (the transaction) but the payload is one int
        WireFormatException e = assertThrows(WireFormatException.class, () -> wire.decode(bytes, lookup, schema));
        assertTrue(e.reason() == WireFormatException.Reason.TRUNCATED || e.reason() == WireFormatException.Reason.UNDECODABLE, e.reason().name());

        byte[] garbage = new byte[]{0, 0, 0, 0, 7, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
        assertEquals(WireFormatException.Reason.UNDECODABLE,
                assertThrows(WireFormatException.class, () -> wire.decode(garbage, lookup, schema)).reason());
    }

    @Test
    void leftoverBytesMeanTheHeaderNamesTheWrongSchema() {
        byte[] bytes = wire.encode(7, record("card_1"));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertEquals(WireFormatException.Reason.UNDECODABLE,
                assertThrows(WireFormatException.class, () -> wire.decode(longer, lookup, schema)).reason());
    }

    @Test
    void recordNotMatchingItsSchemaIsABug() {
        GenericRecord broken = record("c");
        broken.put("amount", "not a long");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wire.encode(7, broken));
        assertTrue(e.getMessage().startsWith("bug:"), e.getMessage());
    }

    @Test
    void encodingIsThreadSafe() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2000; i++) {
                        String card = "card_" + thread + "_" + i;
                        GenericRecord decoded = wire.decode(wire.encode(7, record(card)), lookup, schema);
                        assertEquals(card, decoded.get("card_id").toString());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
