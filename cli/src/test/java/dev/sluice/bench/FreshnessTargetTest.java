package dev.sluice.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreshnessTargetTest {

    @Test
    void ecommerceIsMeasuredOnItsUpdateModeTumblingCounts() {
        FreshnessTarget.Selection selection = FreshnessTarget.select(ShippedConfig.dev().domain("ecommerce"));
        assertEquals(List.of("page_views_per_minute", "funnel_per_minute"), List.copyOf(selection.targets().keySet()));
        FreshnessTarget views = selection.targets().get("page_views_per_minute");
        assertEquals("views", views.countColumn());
        assertEquals("page_view", views.event());
        assertEquals("ecommerce_page_views_per_minute", views.table());
        assertEquals(60_000, views.windowMillis());
        assertEquals("cart_adds", selection.targets().get("funnel_per_minute").countColumn());
        assertTrue(selection.excluded().get("revenue_5m").startsWith("append mode"));
        assertTrue(selection.excluded().get("engaged_sessions").startsWith("append mode"));
    }

    @Test
    void slidingAndFilteredAggregationsAreNotMeasured() {
        FreshnessTarget.Selection selection = FreshnessTarget.select(ShippedConfig.dev().domain("payments"));
        assertEquals(List.of("merchant_fraud_5m", "device_risk_5m"), List.copyOf(selection.targets().keySet()));
        assertEquals("sliding window", selection.excluded().get("card_velocity_10m"));
        assertTrue(selection.excluded().containsKey("volume_by_currency_1m"));
        assertTrue(selection.excluded().containsKey("click_sessions"));
    }

    @Test
    void windowsAreAlignedToTheEpochLikeSparksTumblingWindows() {
        FreshnessTarget target = new FreshnessTarget("a", "e", "t", "c", 60_000);
        assertEquals(1_800_000_000_000L - 20_000 - 40_000, target.windowStart(1_800_000_000_000L - 20_000));
        assertEquals(0, target.windowStart(59_999));
        assertEquals(-60_000, target.windowStart(-1));
    }
}
