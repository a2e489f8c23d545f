package dev.sluice.clickhouse;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallPiecesTest {

    @Test
    void tabSeparatedUnescapesAndReadsNull() {
        List<List<String>> rows = TabSeparated.parse("a\\tb\tDateTime(\\'UTC\\')\t\\N\nline\\nbreak\tback\\\\slash\t\n");
        assertEquals(2, rows.size());
        assertEquals(Arrays.asList("a\tb", "DateTime('UTC')", null), rows.get(0));
        assertEquals(List.of("line\nbreak", "back\\slash", ""), rows.get(1));
        assertTrue(TabSeparated.parse("").isEmpty());
        assertEquals(List.of(List.of("18.16.1")), TabSeparated.parse("18.16.1\n"));
    }

    @Test
    void sqlQuotesOnlyWhatNeedsIt() {
        assertEquals("payments_x", Sql.identifier("payments_x"));
        assertEquals("`my-db`", Sql.identifier("my-db"));
        assertEquals("`a\\`b`", Sql.identifier("a`b"));
        assertEquals("'it\\'s a \\\\ path\\n'", Sql.literal("it's a \\ path\n"));
    }

    @Test
    void serverVersionsDecideFeatures() {
        ServerCapabilities old = ServerCapabilities.fromVersion("18.16.1");
        assertFalse(old.supportsDateTime64());
        assertFalse(old.supportsLowCardinality());
        assertFalse(old.supportsTtl());
        assertFalse(old.supportsCreateOrReplaceView());
        ServerCapabilities current = ServerCapabilities.fromVersion("24.8.4.13");
        assertTrue(current.supportsDateTime64() && current.supportsLowCardinality() && current.supportsTtl() && current.supportsCreateOrReplaceView());
        ServerCapabilities v19 = ServerCapabilities.fromVersion("19.8.3.8");
        assertTrue(v19.supportsLowCardinality() && v19.supportsTtl());
        assertFalse(v19.supportsDateTime64());
        IllegalArgumentException tooOld = assertThrows(IllegalArgumentException.class, () -> ServerCapabilities.fromVersion("1.1.54394"));
        assertEquals("ClickHouse 1.1.54394 is older than 18.16.1, the oldest Sluice supports; upgrade the server [bad config]", tooOld.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerCapabilities.fromVersion("<html>"));
    }

    @Test
    void redactorHidesPasswordsAndUrlCredentials() {
        Redactor redactor = new Redactor("pa55", null);
        assertEquals("user ***, url http://***:***@host:8123/x", redactor.redact("user pa55, url http://bob:pa55@host:8123/x"));
        assertNull(redactor.redact(null));
    }

    @Test
    void urlCredentialsAreStrippedFromTheEndpoint() {
        assertEquals("http://h:8123/", ClickHouseConnection.withoutUserInfo("http://u:p@h:8123/"));
        assertEquals("http://127.0.0.1:8123", ClickHouseConnection.withoutUserInfo(" http://127.0.0.1:8123 "));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("1 minute", Durations.describe(java.time.Duration.ofMinutes(1)));
        assertEquals("2 hours 30 minutes", Durations.describe(java.time.Duration.ofMinutes(150)));
        assertEquals("30 seconds", Durations.describe(java.time.Duration.ofSeconds(30)));
    }
}
