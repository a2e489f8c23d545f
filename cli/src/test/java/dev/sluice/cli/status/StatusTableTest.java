package dev.sluice.cli.status;

import dev.sluice.config.AggregationConfig;
import dev.sluice.metrics.QueryId;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sluice.cli.status.StatusFixtures.NOW;
import static dev.sluice.cli.status.StatusFixtures.offsets;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StatusTableTest {

    @Test
    void rendersATablePerDomainThenStatesThenWhereTheEventsWent() {
        TopicOffsets transactions = new TopicOffsets("payments.transactions", offsets("{\"payments.transactions\":{\"0\":0,\"1\":0}}"),
                offsets("{\"payments.transactions\":{\"0\":4000,\"1\":2000}}"));
        TopicOffsets clicks = new TopicOffsets("payments.clicks", offsets("{\"payments.clicks\":{\"0\":0}}"),
                offsets("{\"payments.clicks\":{\"0\":1500}}"));
        AggregationConfig fraud = StatusFixtures.tumblingCount("merchant_fraud_5m", true);
        QueryStatus running = new QueryStatus(new QueryId("payments", "merchant_fraud_5m"), fraud, "payments.transactions",
                new QueryState(true, "running", "the job's metrics endpoint reports it (last progress 3s ago)"),
                StatusFixtures.checkpoint(42, "{\"payments.transactions\":{\"0\":3950,\"1\":2000}}",
                        "{\"payments.transactions\":{\"0\":0,\"1\":0}}", Instant.parse("2025-03-01T10:15:00Z"),
                        Optional.of(Instant.parse("2025-03-01T10:12:30Z"))),
                Optional.of(transactions),
                StatusFixtures.counts(1234, 5870, 40, Map.of("bad_wire_format", 7L, "unknown_schema_id", 3L)));
        AggregationConfig volume = StatusFixtures.tumblingCount("volume_by_currency_1m", false);
        QueryStatus neverRun = new QueryStatus(new QueryId("payments", "volume_by_currency_1m"), volume, "payments.transactions",
                new QueryState(false, "never-run", "no checkpoint at /cp/dev/payments/volume_by_currency_1m"),
                CheckpointState.missing("/cp/dev/payments/volume_by_currency_1m"), Optional.of(transactions),
                AggregationCounts.unknown("ClickHouse did not answer"));
        DomainStatus payments = new DomainStatus("payments", List.of(running, neverRun),
                Map.of("payments.transactions", transactions, "payments.clicks", clicks), List.of("payments.clicks"),
                Optional.of(Map.of("bad_wire_format", 2L)), true);
        StatusReport report = new StatusReport("dev", NOW, "/cp/dev",
                new EndpointState("http://127.0.0.1:9464/metrics", true, Optional.empty(), Map.of("payments.merchant_fraud_5m", NOW)),
                List.of(payments), List.of("ClickHouse: sluice.payments_volume_by_currency_1m_current does not exist"));

        StringWriter out = new StringWriter();
        StatusTable.print(report, new PrintWriter(out));

        assertEquals("""
                sluice status: environment dev at 2025-03-01 10:15:12Z
                job metrics:   http://127.0.0.1:9464/metrics answers; 1 query reports progress
                checkpoints:   /cp/dev/<domain>/<aggregation>

                payments
                  QUERY                  STATE      BATCH  COMMITTED                       WATERMARK             KAFKA LAG   ROWS  LATE  PARTLY LATE  DEAD LETTERS
                  merchant_fraud_5m      running       42  2025-03-01 10:15:00Z (12s ago)  2025-03-01 10:12:30Z         50  1,234    40            0            10
                  volume_by_currency_1m  never-run      -  -                               -                             -      ?     ?            ?             ?
                  state:
                    merchant_fraud_5m running: the job's metrics endpoint reports it (last progress 3s ago)
                    volume_by_currency_1m never-run: no checkpoint at /cp/dev/payments/volume_by_currency_1m
                  where the events went (Kafka offsets now, checkpoints, ClickHouse):
                    in Kafka: 7,500 events (payments.clicks 1,500, payments.transactions 6,000)
                    merchant_fraud_5m <- payments.transactions: 6,000 in Kafka = 0 before its start + 5,950 consumed + 50 not yet read
                      consumed 5,950 = 5,870 aggregated + 40 late + 10 dead letters + 30 remainder
                      dead letters by reason: bad_wire_format 7, unknown_schema_id 3
                      the remainder of 30 is repeated event_ids dropped by deduplicate: true
                    volume_by_currency_1m <- payments.transactions: 6,000 in Kafka = 0 before its start + 0 consumed + 6,000 not yet read
                      the query has not run with this checkpoint; it starts at the latest offsets when it does
                    payments.clicks: 1,500 events, read by no aggregation of this domain
                    dead letters tied to no aggregation: bad_wire_format 2

                notes:
                  ClickHouse: sluice.payments_volume_by_currency_1m_current does not exist

                what status cannot know:
                  - events the generator could not produce never reached Kafka (see sluice_generator_produce_errors_total on its metrics port);
                  - records retention deleted before any query read them: 'in Kafka' counts from the earliest offset still retained;
                  - how a remainder splits between filter, deduplication and open windows: Spark does not record what they drop;
                  - ClickHouse counts cover every run and replay of a query, the checkpoint only its current run.
                """, out.toString());
    }
}
