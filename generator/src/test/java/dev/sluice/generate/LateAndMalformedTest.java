package dev.sluice.generate;

import dev.sluice.generate.encode.EventEncoder;
import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.schema.ConfluentWireFormat;
import dev.sluice.schema.WireFormatException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LateAndMalformedTest {

    @Test
    void lateFractionAndDelaysStayWithinTheirBounds() {
        for (GeneratorOptions.LateDistribution distribution : GeneratorOptions.LateDistribution.values()) {
            Duration max = Duration.ofMinutes(10);
            List<GeneratedEvent> events = Domains.generate(Domains.payments(),
                    Domains.options(21, 100_000).withLate(0.1, max, distribution));
            long late = 0;
            long behindStream = 0;
            double delaySum = 0;
            long newest = Long.MIN_VALUE;
            for (GeneratedEvent e : events) {
                if (e.late()) {
                    late++;
                    delaySum += e.lateByMillis();
                    assertTrue(e.lateByMillis() >= 1 && e.lateByMillis() <= max.toMillis(), e.toString());
                    long behind = newest - e.eventTime();
                    assertTrue(behind <= e.lateByMillis(), "behind the stream by at most its delay: " + behind);
                    // A tiny delay with no newer event in between leaves the event in order: rare.
                    behindStream += behind > 0 ? 1 : 0;
                } else {
                    assertTrue(e.eventTime() >= newest, "on-time events come in event-time order");
                    newest = e.eventTime();
                }
            }
            assertEquals(0.1, late / 100_000.0, 0.005, distribution + " fraction");
            assertTrue(behindStream > 0.97 * late, behindStream + " of " + late + " really out of order");
            double mean = delaySum / late;
            double expected = distribution == GeneratorOptions.LateDistribution.UNIFORM ? 300_000 : 0.231 * 600_000;
            assertEquals(expected, mean, expected * 0.06, distribution + " mean delay");
        }
    }

    @Test
    void aBoundedRunDeliversEveryHeldEventBeforeItEnds() {
        List<GeneratedEvent> events = Domains.generate(Domains.payments(),
                Domains.options(22, 20_000).withLate(0.3, Duration.ofMinutes(30), GeneratorOptions.LateDistribution.UNIFORM));
        assertEquals(20_000, events.size());
        assertTrue(events.get(events.size() - 1).late(), "the run ends by releasing what it held");
        assertEquals(0.3, events.stream().filter(GeneratedEvent::late).count() / 20_000.0, 0.03);
    }

    @Test
    void noLateEventsUnlessAsked() {
        assertTrue(Domains.generate(Domains.ecommerce(), Domains.options(1, 20_000)).stream().noneMatch(GeneratedEvent::late));
    }

    @Test
    void eachMalformedKindFailsDecodingForItsReason() {
        GeneratorPlan plan = GeneratorPlan.compile(Domains.payments());
        WriterSchemas schemas = Encoding.schemas(plan);
        SchemaIds ids = SchemaIds.local(schemas);
        Map<Integer, Schema> byId = new HashMap<>();
        schemas.all().values().forEach(versions -> versions.forEach(v -> byId.put(ids.idOf(v), v.schema().schema())));
        GeneratorOptions options = Domains.options(13, 3000).withMalformed(0.1);
        EventEncoder encoder = new EventEncoder(schemas, ids, 13, 0.2, MalformedRecordFactory.DEFAULT_UNKNOWN_SCHEMA_ID);
        ConfluentWireFormat wire = new ConfluentWireFormat();
        Map<MalformedKind, WireFormatException.Reason> expected = Map.of(
                MalformedKind.BAD_MAGIC, WireFormatException.Reason.BAD_MAGIC_BYTE,
                MalformedKind.TRUNCATED_AVRO, WireFormatException.Reason.TRUNCATED,
                MalformedKind.UNKNOWN_SCHEMA_ID, WireFormatException.Reason.UNKNOWN_SCHEMA_ID);
        int malformed = 0;
        var stream = EventGenerator.stream(plan, options);
        while (stream.hasNext()) {
            GeneratedEvent event = stream.next();
            byte[] value = encoder.encode(event).value();
            if (event.valid()) {
                GenericRecord record = wire.decode(value, id -> Optional.ofNullable(byId.get(id)), null);
                assertEquals(event.eventId(), record.get("event_id").toString());
            } else {
                malformed++;
                WireFormatException e = assertThrows(WireFormatException.class,
                        () -> wire.decode(value, id -> Optional.ofNullable(byId.get(id)), null), event.malformed().name());
                assertEquals(expected.get(event.malformed()), e.reason(), event.malformed() + ": " + e.getMessage());
            }
        }
        assertEquals(300, malformed);
    }
}
