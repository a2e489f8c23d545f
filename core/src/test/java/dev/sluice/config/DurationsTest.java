package dev.sluice.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {

    @Test
    void acceptsTheFormsPeopleWrite() {
        assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("5m"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1 minute"));
        assertEquals(Duration.ofMinutes(10), Durations.parse("10 minutes"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofHours(2), Durations.parse("2 hours"));
        assertEquals(Duration.ofDays(7), Durations.parse("7 days"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("PT5M"));
    }

    @Test
    void rejectsEverythingElseNamingTheInput() {
        assertEquals("invalid duration '5 fortnights'", assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 fortnights")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5m"));
    }

    @Test
    void formatsTheShortestExactForm() {
        assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("1d", Durations.format(Duration.ofHours(24)));
    }
}
