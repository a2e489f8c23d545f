package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.clickhouse.AggregationColumns;
import dev.sluice.config.DomainConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticRowsTest {

    @Test
    void linesCarryExactlyTheInsertColumnsWithDistinctIdentities() throws Exception {
        DomainConfig payments = ShippedConfig.dev().domain("payments");
        AggregationColumns columns = AggregationColumns.of(payments, payments.aggregations().get("merchant_fraud_5m"));
        SyntheticRows rows = new SyntheticRows(columns.insertColumns(), 1000);
        ObjectMapper json = new ObjectMapper();
        Set<String> identities = new HashSet<>();
        int count = 0;
        while (rows.hasNext()) {
            JsonNode row = json.readTree(rows.next());
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertEquals(columns.insertColumnNames(), keys);
            StringBuilder identity = new StringBuilder();
            columns.identity().forEach(c -> identity.append(row.get(c).asText()).append('|'));
            identities.add(identity.toString());
            assertTrue(row.get("window_start").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"), row.toString());
            assertTrue(row.get("transactions").isIntegralNumber());
            assertTrue(row.get("amount_avg").isNumber());
            count++;
        }
        assertEquals(1000, count);
        assertEquals(1000, identities.size());
    }

    @Test
    void stopsAtTheRequestedCount() {
        Iterator<String> rows = new SyntheticRows(List.of(), 2);
        rows.next();
        rows.next();
        assertFalse(rows.hasNext());
        org.junit.jupiter.api.Assertions.assertThrows(java.util.NoSuchElementException.class, rows::next);
    }
}
