package dev.sluice.observe;

import dev.sluice.console.ConsoleMode;
import dev.sluice.console.LiveView;
import dev.sluice.console.Summary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sluice.observe.ConsoleFixtures.batch;
import static dev.sluice.observe.ConsoleFixtures.tally;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobConsoleTest {

    private static final Instant START = Instant.parse("2026-12-04T01:00:00Z");
    private static final Instant NOW = START.plusSeconds(20);
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final ByteArrayOutputStream summary = new ByteArrayOutputStream();

    @AfterEach
    void forgetSummary() {
        Summary.reset();
    }

    private JobConsole console(ConsoleMode mode) {
        LiveView view = new LiveView(new PrintStream(progress, true, StandardCharsets.UTF_8), mode, Duration.ofSeconds(30));
        JobConsole console = new JobConsole(List.of("payments.merchant_fraud_5m", "payments.card_velocity_10m"), view,
                new PrintStream(summary, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));
        // Two batches of 60,000 of the 180,000 records in Kafka, 10 s apart; one late event, three dead letters.
        console.batch(batch(0, START, 60_000, 60_000, 180_000, Duration.ofSeconds(10), null), tally(0, 0, 3), Optional.empty(), START.plusSeconds(10));
        console.batch(batch(1, START.plusSeconds(10), 60_000, 120_000, 180_000, Duration.ofSeconds(10), START.minusSeconds(90)),
                tally(1, 1, 0), Optional.empty(), NOW);
        return console;
    }

    @Test
    void plainOutputHasAProgressLinePerQuery() {
        List<String> lines = console(ConsoleMode.PLAIN).lines(NOW);

        assertEquals(List.of("payments.merchant_fraud_5m: 120,000 of 180,000 records (67%), 6,000/s, lag 60,000, ETA 10 s, batch 1"), lines,
                "the query without a batch yet has nothing to report");
    }

    @Test
    void aTerminalGetsTheTableOfTheMetricsEndpointsFacts() {
        List<String> lines = console(ConsoleMode.LIVE).lines(NOW);

        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("QUERY +STATE +BATCH +RECORDS +INPUT/S +LAG +ETA +WM DELAY +LATE/MIN +DEAD/MIN"), lines.get(0));
        assertTrue(lines.get(1).matches("payments.merchant_fraud_5m +running +1 +120,000 of 180,000 +12,000/s +60,000 +10 s +1 min 50 s +1 +3"),
                lines.get(1));
        assertTrue(lines.get(2).matches("payments.card_velocity_10m +starting +- +0 +- +- +- +- +0 +0"), lines.get(2));
    }

    @Test
    void theClosingSummarySaysWhatEachQueryDidAndWhereTheDeadLettersWent() {
        JobConsole console = console(ConsoleMode.PLAIN);
        console.close();

        String text = summary.toString(StandardCharsets.UTF_8);
        assertEquals("  payments.merchant_fraud_5m: running, 120,000 records in 2 batches (6,000/s); 1 late, 3 dead letters (unknown schema id 3)\n"
                + "  payments.card_velocity_10m: starting, 0 records in 0 batches; 0 late, 0 dead letters\n", text);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> queries = (List<Map<String, Object>>) Summary.snapshot().get("queries");
        assertEquals(120_000L, queries.get(0).get("records"));
        assertEquals(3L, queries.get(0).get("dead_letters"));
    }
}
