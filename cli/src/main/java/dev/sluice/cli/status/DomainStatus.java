package dev.sluice.cli.status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Status of one domain's queries plus the topic-level facts its reconciliation needs.
 *
 * @param topics                  the domain's event topics and their offsets; a topic Kafka did not describe is missing
 * @param unreadTopics            topics of the domain no aggregation reads
 * @param unattributedDeadLetters dead letters tied to no aggregation, by reason
 */
public record DomainStatus(String domain, List<QueryStatus> queries, Map<String, TopicOffsets> topics, List<String> unreadTopics,
                           Optional<Map<String, Long>> unattributedDeadLetters, boolean kafkaAnswered) {

    public DomainStatus {
        queries = List.copyOf(queries);
        topics = Map.copyOf(topics);
        unreadTopics = List.copyOf(unreadTopics);
    }
}
