package dev.sluice.endtoend;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP sluice_input_rows_total Rows the query read.
            # TYPE sluice_input_rows_total counter
            sluice_input_rows_total{query="payments.a",domain="payments",aggregation="a",} 1770.0
            sluice_input_rows_total{query="payments.b",domain="payments",aggregation="b"} 12.0 1700000000000
            sluice_dead_letters_total{query="payments.a",reason="bad \\"magic\\"\\\\n"} 3.0
            sluice_batch_duration_seconds_bucket{le="+Inf"} +Inf
            jvm_threads_current 42

            """;

    @Test
    void readsSamplesLabelsAndValues() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        assertEquals(5, text.samples().size());
        assertEquals(Optional.of(1770.0), text.value("sluice_input_rows_total", Map.of("query", "payments.a")));
        assertEquals(1782.0, text.sum("sluice_input_rows_total", labels -> "payments".equals(labels.get("domain"))));
        assertEquals("bad \"magic\"\\n", text.samples("sluice_dead_letters_total").get(0).labels().get("reason"));
        assertEquals(Double.POSITIVE_INFINITY, text.samples("sluice_batch_duration_seconds_bucket").get(0).value());
        assertEquals(42.0, text.value("jvm_threads_current", Map.of()).orElseThrow());
        assertEquals(0.0, text.sum("sluice_late_events_total", labels -> true), "an absent counter sums to 0");
        assertThrows(IllegalArgumentException.class, () -> text.value("sluice_input_rows_total", Map.of("domain", "payments")));
    }

    @Test
    void rejectsWhatIsNotASample() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("sluice_x{query=unquoted} 1"));
    }

    @Test
    void clickHouseTabSeparatedEscapesAreUndone() {
        assertEquals("a\tb\nc\\d'", ClickHouseState.unescape("a\\tb\\nc\\\\d\\'"));
        assertEquals(ExpectedValue.NULL, ClickHouseState.unescape(ExpectedValue.NULL));
    }
}
