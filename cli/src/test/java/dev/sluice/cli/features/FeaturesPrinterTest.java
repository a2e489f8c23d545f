package dev.sluice.cli.features;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.ConfigLoader;
import dev.sluice.online.Features;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeaturesPrinterTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void printsWindowAgeTtlAndTheFeaturesInConfigOrder() {
        AggregationConfig velocity = ConfigLoader.forRepository(REPO).allowingMissingSecrets().load("dev").domain("payments")
                .aggregations().get("card_velocity_10m");
        Instant now = Instant.parse("2026-12-04T01:30:00Z");
        Map<String, Optional<Features>> found = new LinkedHashMap<>();
        found.put("card_000042", Optional.of(new Features("card_000042", Instant.parse("2026-12-04T01:25:00Z"),
                Instant.parse("2026-12-04T01:35:00Z"), 1796347408715616L, now.minusMillis(2_500), Optional.of(Duration.ofMinutes(29)),
                Map.of("transactions", "6", "tiny_transactions", "4", "amount_total", "1234", "max_amount", "900", "countries", "2",
                        "merchants", "3", "is_high_velocity", "true", "is_card_testing", "true", "is_multi_country", "true"))));
        found.put("card_nope", Optional.empty());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FeaturesPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.fixed(now, ZoneOffset.UTC))
                .print("payments", velocity, "redis://127.0.0.1:16379", found);
        assertEquals("""
                payments.card_velocity_10m from redis://127.0.0.1:16379

                card_000042
                  window             2026-12-04T01:25:00Z .. 2026-12-04T01:35:00Z (open, ends in 5 min 0 s)
                  written            2.5 s ago, version 1796347408715616, expires in 29 min 0 s
                  transactions       6
                  tiny_transactions  4
                  amount_total       1234
                  max_amount         900
                  countries          2
                  merchants          3
                  is_high_velocity   true
                  is_card_testing    true
                  is_multi_country   true

                card_nope: no features (never written, or expired after the TTL of 30 min 0 s)
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
