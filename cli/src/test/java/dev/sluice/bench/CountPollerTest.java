package dev.sluice.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CountPollerTest {

    @Test
    void pollsTheCurrentViewPerWindowFromTheFirstLiveWindow() {
        FreshnessTarget target = new FreshnessTarget("page_views_per_minute", "page_view", "ecommerce_page_views_per_minute", "views", 60_000);
        assertEquals("SELECT toUInt64(toUnixTimestamp(window_start)), sum(views) FROM sluice_bench.ecommerce_page_views_per_minute_current "
                        + "WHERE window_start >= toDateTime(1800000000) GROUP BY window_start",
                CountPoller.sql("sluice_bench", target, 1_800_000_000_000L));
    }
}
