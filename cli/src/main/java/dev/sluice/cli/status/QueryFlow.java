package dev.sluice.cli.status;

import java.util.List;
import java.util.Optional;

/**
 * Where the events of a query's topic went, as far as Kafka, the checkpoint and ClickHouse tell.
 *
 * <pre>
 * retained in Kafka = before the query's start + consumed (still retained) + not yet read
 * consumed          = aggregated + late + dead letters + remainder
 * </pre>
 *
 * @param retained         records in the topic now (latest - earliest offsets)
 * @param beforeStart      records older than where the query started (it starts at latest unless told otherwise)
 * @param consumed         records the query's committed batches read since its checkpoint began
 * @param consumedDeleted  of those, records retention has since deleted from Kafka
 * @param notYetRead       records after the last committed batch
 * @param remainder        consumed minus what ClickHouse accounts for; empty when a term is unknown
 * @param explanations     what the remainder can be, or why a number is unknown
 */
public record QueryFlow(String query, String topic, Optional<Long> retained, Optional<Long> beforeStart, Optional<Long> consumed,
                        Optional<Long> consumedDeleted, Optional<Long> notYetRead, Optional<Long> aggregated,
                        Optional<Long> late, Optional<Long> deadLetters, Optional<Long> remainder, List<String> explanations) {
}
