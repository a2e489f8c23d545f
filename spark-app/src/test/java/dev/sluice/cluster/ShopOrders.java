package dev.sluice.cluster;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ClusterJobIT's data set for the {@code shop} domain of {@code src/test/resources/cluster-it}: 90 orders over three
 * minutes from three countries (one of them unknown), and the rows {@code orders_per_minute} must hold for them,
 * computed here in plain Java.
 */
final class ShopOrders {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant END = START.plus(3, ChronoUnit.MINUTES);
    private static final String[] COUNTRIES = {"US", "DE", null};
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    record Order(String id, Instant time, String user, String country, boolean approved, long amount) {
    }

    private ShopOrders() {
    }

    static List<Order> orders() {
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            orders.add(new Order("o" + i, START.plusSeconds(2L * i), "u" + i % 7, COUNTRIES[i % 3], i % 4 != 0, 100 + (i * 37L) % 500));
        }
        return orders;
    }

    /** The record of the schema generated from the config: event_id, event_time, then the domain's fields. */
    static GenericRecord record(Schema schema, Order order) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", order.id());
        record.put("event_time", order.time().toEpochMilli());
        record.put("user_id", order.user());
        record.put("country", order.country());
        record.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), order.approved() ? "approved" : "declined"));
        record.put("amount", order.amount());
        return record;
    }

    /**
     * {@code window_start, country, orders, approved, revenue, buyers} per minute and country, as ClickHouse prints
     * them in TabSeparated ordered by window and country (an unknown country is '').
     */
    static String expectedRows(List<Order> orders) {
        Map<String, long[]> cells = new TreeMap<>();
        Map<String, Set<String>> buyers = new TreeMap<>();
        for (Order order : orders) {
            String key = CLICKHOUSE_TIME.format(order.time().truncatedTo(ChronoUnit.MINUTES)) + "\t" + (order.country() == null ? "" : order.country());
            long[] cell = cells.computeIfAbsent(key, k -> new long[3]);
            cell[0]++;
            cell[1] += order.approved() ? 1 : 0;
            cell[2] += order.amount();
            buyers.computeIfAbsent(key, k -> new HashSet<>()).add(order.user());
        }
        StringBuilder rows = new StringBuilder();
        cells.forEach((key, cell) -> rows.append(key).append('\t').append(cell[0]).append('\t').append(cell[1]).append('\t').append(cell[2])
                .append('\t').append(buyers.get(key).size()).append('\n'));
        return rows.toString();
    }
}
