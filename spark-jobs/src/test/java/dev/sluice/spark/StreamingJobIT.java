package dev.sluice.spark;

import dev.sluice.config.AggregationConfig;
import dev.sluice.config.AggregationConfig.OutputMode;
import dev.sluice.config.ClickHouseConfig;
import dev.sluice.config.DomainConfig;
import dev.sluice.config.MeasureConfig.MeasureType;
import dev.sluice.config.SluiceConfig;
import dev.sluice.registry.HttpSchemaRegistryClient;
import dev.sluice.schema.EventSchemas;
import dev.sluice.sink.ClickHouseBatchSink;
import dev.sluice.testing.ShopOnRealStack;
import dev.sluice.testing.SparkTestSession;
import dev.sluice.testsupport.ClickHouseTestDatabase;
import dev.sluice.testsupport.RealStack;
import dev.sluice.testsupport.StackEndpoints;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.sluice.testing.AvroOrders.confluent;
import static dev.sluice.testing.AvroOrders.withMagic;
import static dev.sluice.testing.TestConfigs.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming job against the real stack: Confluent-framed Avro in a real Kafka topic with the schema in a real
 * registry, the job's queries planned from config, inserts and the ledger in a real ClickHouse (a database of its
 * own, tables from the DDL generator). Five records per trigger on one partition make the batches, and so the
 * watermark, deterministic: the last event arrives after its window has closed and must land in the late-events
 * table; a wrong magic byte and an unknown schema id must land in the dead letters; everything else is aggregated.
 */
@ExtendWith(RealStack.class)
class StreamingJobIT {

    @Test
    void aggregatesLateEventsAndDeadLettersReachClickHouseAndReconcile(StackEndpoints stack, ClickHouseTestDatabase db,
                                                                      @TempDir Path home) throws Exception {
        String topic = "spark_it_" + UUID.randomUUID().toString().substring(0, 8);
        AggregationConfig perMinute = aggregation("per_minute", tumbling(Duration.ofMinutes(1)), Duration.ofSeconds(30), List.of("country"),
                List.of(), measures(measure("orders", MeasureType.COUNT, null), measure("revenue", MeasureType.SUM, "amount")),
                OutputMode.UPDATE, false);
        DomainConfig domain = domain(topic, perMinute);
        ClickHouseConfig clickHouse = ShopOnRealStack.clickHouse(db);
        SluiceConfig config = ShopOnRealStack.config(stack, clickHouse, home, domain, 5);
        ShopOnRealStack.createTables(clickHouse, domain);
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl(), null, null, Duration.ofSeconds(10));
        Schema schema = EventSchemas.schemaFor(domain, domain.event("order"));
        int id = registry.register(topic + "-value", schema);

        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(confluent(id, order(schema, "e" + i, 10 * i, i % 2 == 0 ? "US" : null, 100 + i)));
        }
        records.add(withMagic(confluent(id, order(schema, "bad", 95, "US", 1)), 7));
        records.add(confluent(Integer.MAX_VALUE - 1, order(schema, "alien", 96, "US", 1)));
        for (int i = 10; i < 13; i++) {
            records.add(confluent(id, order(schema, "e" + i, 10 * i, i % 2 == 0 ? "US" : null, 100 + i)));
        }
        // Batches of 5: offsets 0-4, 5-9, 10-14, 15. Spark drops rows of batch N behind the watermark batch N-1 ran
        // with; batch 2 ran with 60 s (max 90 s - 30 s, from batches 0-1), so in batch 3 the window [0 s, 60 s) is closed.
        records.add(confluent(id, order(schema, "late", 5, "US", 1000)));
        ShopOnRealStack.produce(stack, topic, records);

        try (ClickHouseBatchSink sink = ClickHouseBatchSink.open(clickHouse, w -> w)) {
            List<AggregationQuery> queries = new JobPlanner(config, home, SparkTestSession.get(), registry, sink).plan(domain, List.of());
            new StreamingJob(SparkTestSession.get(), queries, StreamingJob.Settings.untilIdle(3, Duration.ofMillis(300))).run();
        } finally {
            ShopOnRealStack.deleteTopic(stack, topic);
        }

        assertEquals("2024-01-01 00:00:00\t\t3\t309\n2024-01-01 00:00:00\tUS\t3\t306\n2024-01-01 00:01:00\t\t3\t327\n"
                        + "2024-01-01 00:01:00\tUS\t3\t324\n2024-01-01 00:02:00\tUS\t1\t112\n",
                db.sql("SELECT window_start, country, orders, revenue FROM shop_per_minute_current ORDER BY window_start, country"));
        assertEquals("late\t2024-01-01 00:00:05\t55000\n",
                db.sql("SELECT event_id, event_time, lateness_ms FROM sluice_late_events_current WHERE aggregation = 'per_minute'"));
        assertEquals("10\tbad_magic_byte\n11\tunknown_schema_id\n",
                db.sql("SELECT kafka_offset, reason FROM sluice_dead_letters_current WHERE aggregation = 'per_minute' ORDER BY kafka_offset"));
        // Dead letters keep their exact bytes (the pipeline drops raw bytes early for every other record).
        assertEquals(java.util.Base64.getEncoder().encodeToString(records.get(10)) + "\n" + java.util.Base64.getEncoder().encodeToString(records.get(11)) + "\n",
                db.sql("SELECT value_base64 FROM sluice_dead_letters_current WHERE aggregation = 'per_minute' ORDER BY kafka_offset"));
        // 16 records = 13 aggregated + 1 late + 2 dead letters, and the ledger saw them all
        assertEquals("13\n", db.sql("SELECT sum(orders) FROM shop_per_minute_current"));
        assertEquals("1\n", db.sql("SELECT count() FROM sluice_committed_batches_current WHERE query = 'shop.per_minute' AND batch_id = 3"));
    }

    private static GenericRecord order(Schema schema, String id, int second, String country, long amount) {
        return ShopOnRealStack.order(schema, id, 1_704_067_200_000L + second * 1000L, country, amount);
    }
}
