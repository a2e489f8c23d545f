package dev.sluice.generate;

import dev.sluice.generate.encode.SchemaIds;
import dev.sluice.generate.encode.WriterSchemas;
import dev.sluice.generate.run.DiscardingSink;
import dev.sluice.generate.run.GenerateRun;
import dev.sluice.generate.run.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateRunTest {

    private static final GeneratorPlan PAYMENTS = GeneratorPlan.compile(Domains.payments());
    private static final WriterSchemas SCHEMAS = Encoding.schemas(PAYMENTS);

    private static DiscardingSink sink() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Domains.payments().events().values().forEach(e -> partitions.put(e.topic(), e.partitions()));
        return new DiscardingSink(partitions);
    }

    private static Manifest run(GeneratorOptions options, Double rate, Duration duration, PrintStream progress) {
        return new GenerateRun(PAYMENTS, options, SCHEMAS, SchemaIds.local(SCHEMAS), 99, sink(),
                new GenerateRun.Settings(rate, duration, Duration.ofMillis(200), progress, "test", true, "discard")).run();
    }

    @Test
    void manifestReconcilesWithThePureStream(@TempDir Path dir) {
        GeneratorOptions options = Domains.options(7, 30_000)
                .withLate(0.05, Duration.ofMinutes(10), GeneratorOptions.LateDistribution.EXPONENTIAL).withMalformed(0.01);
        Manifest manifest = run(options, null, null, null);
        // Recount from the pure generator.
        Map<String, long[]> expected = new LinkedHashMap<>();
        long[] totals = new long[4];
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        EventGenerator.stream(PAYMENTS, options).forEachRemaining(e -> {
            long[] c = expected.computeIfAbsent(e.topic(), t -> new long[4]);
            if (!e.valid()) {
                c[2]++;
                totals[2]++;
                return;
            }
            c[0]++;
            totals[0]++;
            c[1] += e.late() ? 1 : 0;
            totals[1] += e.late() ? 1 : 0;
            c[3] += e.fraudulent() ? 1 : 0;
            totals[3] += e.fraudulent() ? 1 : 0;
            range[0] = Math.min(range[0], e.eventTime());
            range[1] = Math.max(range[1], e.eventTime());
        });
        assertEquals(30_000, manifest.validEvents());
        assertEquals(totals[1], manifest.lateEvents());
        assertEquals(300, manifest.malformedEvents());
        assertEquals(Map.of("BAD_MAGIC", 100L, "TRUNCATED_AVRO", 100L, "UNKNOWN_SCHEMA_ID", 100L), manifest.malformedByKind());
        assertEquals(range[0], manifest.eventTimeMinMillis());
        assertEquals(range[1], manifest.eventTimeMaxMillis());
        assertEquals(totals[3], manifest.fraud().labelled());
        assertEquals(totals[3], manifest.fraud().byPattern().values().stream().mapToLong(Long::longValue).sum());
        expected.forEach((topic, c) -> {
            Manifest.Topic t = manifest.topics().get(topic);
            assertEquals(c[0], t.valid(), topic);
            assertEquals(c[1], t.late(), topic);
            assertEquals(c[2], t.malformed(), topic);
            assertEquals(c[3], t.fraud(), topic);
            assertEquals(c[0] + c[2], t.messages());
            assertEquals(t.valid(), t.schemaVersions().values().stream().mapToLong(Manifest.SchemaVersionCount::count).sum());
            assertEquals(t.messages(), t.partitions().values().stream().mapToLong(Manifest.Partition::count).sum());
        });
        Manifest.Topic transactions = manifest.topics().get("payments.transactions");
        assertEquals(2, transactions.schemaVersions().size(), "v1 and v2 of transaction are both used");
        double v1Share = transactions.schemaVersions().get("v1").count() / (double) transactions.valid();
        assertEquals(0.2, v1Share, 0.03);
        assertTrue(manifest.complete());
        assertEquals(7, manifest.seed());
        assertEquals(Domains.START.toEpochMilli(), manifest.startTimeMillis());
        assertNull(manifest.topics().get("payments.clicks").partitions().get("0").firstOffset(), "no offsets without Kafka");

        // Written and read back unchanged.
        Path file = dir.resolve("m.json");
        manifest.write(file);
        assertEquals(manifest, Manifest.read(file));
    }

    @Test
    void sameSeedSameDigestsDifferentSeedDifferent() {
        Manifest a = run(Domains.options(7, 5000), null, null, null);
        Manifest b = run(Domains.options(7, 5000), null, null, null);
        Manifest c = run(Domains.options(8, 5000), null, null, null);
        a.topics().forEach((topic, t) -> {
            assertEquals(t.sha256(), b.topics().get(topic).sha256(), topic);
            assertEquals(t.partitions(), b.topics().get(topic).partitions(), topic);
            assertNotEquals(t.sha256(), c.topics().get(topic).sha256(), topic);
        });
    }

    @Test
    void rateAndDurationBoundTheRun() {
        // 2,000 events/s for 1.5s: at most about 3,000 events, however fast generation is. No lower bound: on a loaded
        // machine (CI beside other builds) generation itself can fall below the rate, which is not what this tests.
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        long started = System.nanoTime();
        Manifest manifest = run(Domains.options(1, Long.MAX_VALUE).withEventTimeRate(2000, 0), 2000.0, Duration.ofMillis(1500),
                new PrintStream(progress, true));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(manifest.validEvents() > 0 && manifest.validEvents() <= 3300, manifest.validEvents() + " events: the rate must bound the run");
        assertTrue(elapsedMs >= 1500, "the duration bounds the run: it stopped after " + elapsedMs + " ms");
        assertTrue(manifest.complete());
        assertNull(manifest.options().maxEvents(), "unbounded stream");
        String lines = progress.toString();
        // The shared progress line: done (no total: the run is bounded by time), rate, late and malformed so far.
        assertTrue(lines.matches("(?s)generate payments: [0-9,]+ events, [0-9,]+/s, late [0-9,]+, malformed [0-9,]+\n.*"), lines);
        // Event time tracks the clock: ~1.5s of event time for 1.5s of wall time.
        long span = manifest.eventTimeMaxMillis() - manifest.eventTimeMinMillis();
        assertEquals(1500, span, 400);
    }

    @Test
    void stopRequestEndsTheRunAndMarksTheManifestIncomplete() throws Exception {
        GenerateRun run = new GenerateRun(PAYMENTS, Domains.options(1, Long.MAX_VALUE), SCHEMAS, SchemaIds.local(SCHEMAS), 99, sink(),
                new GenerateRun.Settings(5000.0, null, Duration.ofSeconds(1), null, "test", true, "discard"));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            run.requestStop();
        });
        stopper.start();
        Manifest manifest = run.run();
        stopper.join();
        assertFalse(manifest.complete());
        assertTrue(manifest.validEvents() > 500 && manifest.validEvents() < 5000, "stopped after ~0.3s: " + manifest.validEvents());
    }
}
